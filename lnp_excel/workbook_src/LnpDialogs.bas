' What Python asks the agent, through xlwings Book.macro: in every workbook and the add-in.
Option Explicit

Public Function LnpPickFiles(prompt As String, fileFilter As String) As String
    ' Excel's Open dialog, several files at once, of the kind Python names in fileFilter
    ' (GetOpenFilename's "label (*.a;*.b),*.a;*.b,..."); the paths joined by "|" (never in
    ' a file name), "" when cancelled.
    Dim picked As Variant, i As Long, joined As String
    picked = Application.GetOpenFilename(fileFilter, 1, prompt, , True)
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
