' Shared by both workbooks: every button runs one Python action through xlwings.
' The action name is the same one `lnp-excel run WORKBOOK ACTION` takes.
Option Explicit

Public Sub LnpRun(actionName As String)
    RunPython "import lnp_excel.excel.xlwings_book as shell; shell.run('" & actionName & "')"
End Sub

Public Function LnpPickFiles(prompt As String) As String
    ' Python asks the agent for files through this (xlwings Book.macro): Excel's Open
    ' dialog, several files at once; the paths joined by "|" (never in a file name), ""
    ' when cancelled.
    Dim picked As Variant, i As Long, joined As String
    picked = Application.GetOpenFilename( _
        "Status exports (*.csv;*.json;*.xlsx),*.csv;*.json;*.xlsx,All files (*.*),*.*", , _
        prompt, , True)
    If Not IsArray(picked) Then
        LnpPickFiles = ""
        Exit Function
    End If
    For i = LBound(picked) To UBound(picked)
        If i > LBound(picked) Then joined = joined & "|"
        joined = joined & picked(i)
    Next i
    LnpPickFiles = joined
End Function
