"""The Word documents a customer reads and signs: the C9 CSR and the LOA (L1-L5).

``tables`` holds what they share (clean text, measured number tables, saving); ``csr`` and
``loa`` one document each.
"""
