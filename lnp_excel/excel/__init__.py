"""Excel shells: workbook actions, sheet adapters (openpyxl, xlwings) and UDFs."""
