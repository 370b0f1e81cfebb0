' Shared by both workbooks: every button runs one Python action through xlwings.
' The action name is the same one `lnp-excel run WORKBOOK ACTION` takes.
Option Explicit

Public Sub LnpRun(actionName As String)
    RunPython "import lnp_excel.excel.xlwings_book as shell; shell.run('" & actionName & "')"
End Sub
