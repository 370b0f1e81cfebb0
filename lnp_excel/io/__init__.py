"""File shells: read spreadsheets and CSVs into DataFrames, write results safely."""
