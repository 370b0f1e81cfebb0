' Ribbon callbacks of CSR_Template.xlsm: one line each, the work is in Python.
Option Explicit

Public Sub LnpNulls(control As IRibbonControl)
    LnpRun "csr-nulls"
End Sub

Public Sub LnpNonUs(control As IRibbonControl)
    LnpRun "csr-non-us"
End Sub

Public Sub LnpUsAddresses(control As IRibbonControl)
    LnpRun "csr-us-addresses"
End Sub

Public Sub LnpPin(control As IRibbonControl)
    LnpRun "csr-pin"
End Sub

Public Sub LnpBtn(control As IRibbonControl)
    LnpRun "csr-btn"
End Sub

Public Sub LnpEligibility(control As IRibbonControl)
    LnpRun "csr-eligibility"
End Sub

Public Sub LnpRunAll(control As IRibbonControl)
    LnpRun "csr-all"
End Sub

Public Sub LnpBuild(control As IRibbonControl)
    LnpRun "csr-build"
End Sub

Public Sub LnpSaveCsv(control As IRibbonControl)
    LnpRun "csr-save"
End Sub

Public Sub LnpDocs(control As IRibbonControl)
    LnpRun "csr-docs"
End Sub

Public Sub LnpUndo(control As IRibbonControl)
    LnpRun "undo"
End Sub
