' LNP_Tools.xlam: every button acts on the workbook and sheet the agent has open (X3).
' RunPython from an add-in runs against ThisWorkbook (the add-in itself: Book.caller() is
' the add-in), so the active workbook and sheet are named explicitly. They travel as
' UTF-16 code numbers ("8x8" -> "56.120.56"): any name, with quotes, ampersands or
' accents, reaches Python intact through cmd.exe or AppleScript.
Option Explicit

Public Sub LnpRunActive(actionName As String)
    If ActiveWorkbook Is Nothing Then
        MsgBox "Open the workbook to work on first: the CSR download or the customer's list.", _
            vbExclamation, "LNP Tools"
        Exit Sub
    End If
    If TypeName(ActiveSheet) <> "Worksheet" Then
        MsgBox "Select the worksheet with the data first (a chart sheet has no cells).", _
            vbExclamation, "LNP Tools"
        Exit Sub
    End If
    RunPython "import lnp_excel.excel.actions.addin as addin; addin.run('" & actionName & _
        "', '" & LnpCodes(ActiveWorkbook.Name) & "', '" & LnpCodes(ActiveSheet.Name) & "')"
End Sub

Public Function LnpCodes(text As String) As String
    Dim i As Long, codes As String
    For i = 1 To Len(text)
        If i > 1 Then codes = codes & "."
        codes = codes & CStr(AscW(Mid$(text, i, 1)) And &HFFFF&)
    Next i
    LnpCodes = codes
End Function

Public Function LnpAsk(prompt As String, title As String, suggestion As String) As String
    ' Python asks the agent through this (xlwings Book.macro); "" when cancelled.
    LnpAsk = InputBox(prompt, title, suggestion)
End Function
