"""C9: one document per carrier, sorted by address, one section per address."""

from __future__ import annotations

from lnp_excel.core.csr.document import NO_ADDRESS, carrier_documents
from lnp_excel.io.csr_files import read_csr
from tests.core.csr.support import write_csv

CSR = """Phone Number,Carrier,Address,City,PIN
2125550100,Onvoy LLC,9 Zeta St,Austin,8x82125
2125550101,Bandwidth,2 Beta Ave,Austin,
2125550102,onvoy llc ,1 alpha Rd,Austin,8x82125
2125550103,Onvoy LLC,9 Zeta St,Austin,8x82125
2125550104,Bandwidth,,,
"""


def test_documents_per_carrier_sections_per_address(tmp_path):
    table = read_csr(write_csv(tmp_path / "8x8_Acme_CSR.csv", CSR)).frame
    documents = carrier_documents(table)
    assert [d.carrier for d in documents] == ["Bandwidth", "Onvoy LLC"]
    bandwidth, onvoy = documents
    assert [s.address for s in onvoy.sections] == ["1 alpha Rd, Austin", "9 Zeta St, Austin"]
    assert list(onvoy.sections[1].rows["Phone Number"]) == ["2125550100", "2125550103"]
    assert list(onvoy.sections[0].rows.columns) == ["Phone Number", "PIN"]
    assert [s.address for s in bandwidth.sections] == ["2 Beta Ave, Austin", NO_ADDRESS]
    assert sum(d.numbers for d in documents) == len(table)
