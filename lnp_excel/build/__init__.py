"""Build the .xlsm workbooks from the text sources, deterministically."""
