' Ribbon callbacks of Port_Planner.xlsm: one line each, the work is in Python.
Option Explicit

Public Sub LnpNormalize(control As IRibbonControl)
    LnpRun "normalize"
End Sub

Public Sub LnpPlan(control As IRibbonControl)
    LnpRun "plan"
End Sub

Public Sub LnpCheck(control As IRibbonControl)
    LnpRun "check"
End Sub

Public Sub LnpExport(control As IRibbonControl)
    LnpRun "export"
End Sub

Public Sub LnpLoa(control As IRibbonControl)
    LnpRun "loa"
End Sub

Public Sub LnpTrack(control As IRibbonControl)
    LnpRun "track"
End Sub

Public Sub LnpClear(control As IRibbonControl)
    LnpRun "clear"
End Sub

Public Sub LnpUndo(control As IRibbonControl)
    LnpRun "undo"
End Sub
