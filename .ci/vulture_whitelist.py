"""Names vulture cannot see used: read by Python itself, by third-party objects, or by string.

Only those belong here; a name the package could call but does not is dead code: delete it.
(Registered functions need no line: ``[tool.vulture] ignore_decorators`` covers @action/@udf.)
Vulture only parses this file; it is never imported.
"""

# Module hooks Python calls itself (PEP 562): lnp_excel's lazy public names.
__getattr__  # lnp_excel/__init__.py: `from lnp_excel import plan_ports` resolves through it
__dir__  # lnp_excel/__init__.py: dir(lnp_excel) lists the lazy names

# Names read only through strings.
_.street_line  # core/address.py: read by getattr(address, "street_line") in core/plan/accounts.py

# zipfile.ZipInfo attributes zipfile reads when writing (build/package.py, reproducible zips).
_.compress_type  # each member deflated
_.create_system  # MS-DOS, as Excel writes
_.external_attr  # the DOS archive bit instead of Unix permissions

# openpyxl attributes openpyxl writes to the sheet XML (excel/openpyxl_*.py).
_.quotePrefix  # a text that starts with "=" stays text (openpyxl_book.py)
_.alignment  # wrapped columns (openpyxl_layout.py)
_.pageSetUpPr  # fit-to-page print setup
_.fitToWidth  # one page wide
_.fitToHeight  # as many pages tall as needed
_.print_title_rows  # the header row on every printed page
_.paperSize  # legal paper (PrintSetup, issue 18)
_.page_margins  # narrow margins
_.print_title_cols  # the first column on every page of a wide sheet
_.pageOrder  # over, then down
_._charts  # a button pressed twice draws one chart, not two
_.legend  # no legend for a one-series chart

# xlwings App/Range attributes xlwings sends to Excel (excel/xlwings_*.py, actions/addin.py).
_.status_bar  # Excel's status bar shows the action's summary
_.screen_updating  # Excel does not redraw while an action writes
_.column_width  # a column's width
_.wrap_text  # wrapped columns

# Excel's PageSetup object (COM, through xlwings' .api) in excel/xlwings_layout.py.
_.Orientation  # landscape
_.Zoom  # False: fit to pages instead of a zoom
_.FitToPagesWide  # one page wide
_.FitToPagesTall  # as many pages tall as needed
_.PrintTitleRows  # the header row on every printed page
_.PaperSize  # legal paper (PrintSetup, issue 18)
_.LeftMargin  # narrow margins, in points
_.RightMargin
_.TopMargin
_.BottomMargin
_.PrintTitleColumns  # the first column on every page of a wide sheet
_.Order  # over, then down

# python-docx attributes python-docx writes to the document XML.
_.space_after  # io/documents/tables.py: table cells without paragraph spacing
_.keep_with_next  # io/documents/csr.py: a heading never alone at a page's foot
_.space_before  # io/documents/loa.py: room above the letter's paragraphs and signature lines
_.top_margin  # io/documents/loa.py: the letter's page margins
_.bottom_margin  # io/documents/loa.py
_.author  # templates/make_blank_csr.py: the template's fixed core properties
_.modified  # templates/make_blank_csr.py: fixed, so the template is reproducible
_.last_modified_by  # templates/make_blank_csr.py
_.revision  # templates/make_blank_csr.py

# The warnings module calls it for every warning shown (cli/main.py: one line of ours).
_.showwarning  # warnings.showwarning, replaced while a command runs
# Excel's Application and Interior objects (COM, through xlwings' .api; issue 17).
_.PrintCommunication  # xlwings_layout.py: printer talk off while the page setup is set
_.Color  # xlwings_book.py: one fill for every blank Excel found (Interior.Color)
_.ColorIndex  # xlwings_book.py: no fill (Interior.ColorIndex = xlColorIndexNone)
