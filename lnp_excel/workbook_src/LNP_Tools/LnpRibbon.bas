' Ribbon callbacks of LNP_Tools.xlam: one line each, on the active workbook and sheet.
Option Explicit

Public Sub LnpNormalize(control As IRibbonControl)
    LnpRunActive "normalize"
End Sub

Public Sub LnpPlan(control As IRibbonControl)
    LnpRunActive "plan"
End Sub

Public Sub LnpCheck(control As IRibbonControl)
    LnpRunActive "check"
End Sub

Public Sub LnpExport(control As IRibbonControl)
    LnpRunActive "export"
End Sub

Public Sub LnpLoa(control As IRibbonControl)
    LnpRunActive "loa"
End Sub

Public Sub LnpNulls(control As IRibbonControl)
    LnpRunActive "csr-nulls"
End Sub

Public Sub LnpNonUs(control As IRibbonControl)
    LnpRunActive "csr-non-us"
End Sub

Public Sub LnpUsAddresses(control As IRibbonControl)
    LnpRunActive "csr-us-addresses"
End Sub

Public Sub LnpPin(control As IRibbonControl)
    LnpRunActive "csr-pin"
End Sub

Public Sub LnpBtn(control As IRibbonControl)
    LnpRunActive "csr-btn"
End Sub

Public Sub LnpEligibility(control As IRibbonControl)
    LnpRunActive "csr-eligibility"
End Sub

Public Sub LnpRunAll(control As IRibbonControl)
    LnpRunActive "csr-all"
End Sub

Public Sub LnpBuild(control As IRibbonControl)
    LnpRunActive "csr-build"
End Sub

Public Sub LnpSaveCsv(control As IRibbonControl)
    LnpRunActive "csr-save"
End Sub

Public Sub LnpDocs(control As IRibbonControl)
    LnpRunActive "csr-docs"
End Sub

Public Sub LnpTrack(control As IRibbonControl)
    LnpRunActive "track"
End Sub

Public Sub LnpClear(control As IRibbonControl)
    LnpRunActive "clear"
End Sub

Public Sub LnpUndo(control As IRibbonControl)
    LnpRunActive "undo"
End Sub
