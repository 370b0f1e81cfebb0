"""The [MS-OVBA] 2.4.1.3.1 decompressor: a test oracle for ``lnp_excel.build.ovba.compress``.

Written from the specification apart from the compressor (it shares no helper with it), so
a compressor bug cannot hide in a shared function; oletools' ``decompress_stream`` is the
second, independent reader the tests use.
"""

import struct

CHUNK_SIZE = 4096
_SIGNATURE = 0x01
_MAX_CHUNK_BYTES = CHUNK_SIZE + 2  # header plus the largest allowed chunk body
_MIN_MATCH = 3


def decompress(data: bytes) -> bytes:
    """Return the DecompressedBuffer of a CompressedContainer; raise ValueError if malformed."""
    if not data or data[0] != _SIGNATURE:
        raise ValueError("not an MS-OVBA compressed container (signature byte must be 0x01)")
    out = bytearray()
    pos = 1
    while pos < len(data):
        pos = _decompress_chunk(data, pos, out)
    return bytes(out)


def _decompress_chunk(data: bytes, pos: int, out: bytearray) -> int:
    """Append one chunk's bytes to `out`; return the position of the next chunk (2.4.1.3.2)."""
    if pos + 2 > len(data):
        raise ValueError("truncated chunk header")
    (header,) = struct.unpack_from("<H", data, pos)
    if (header >> 12) & 0x7 != 0b011:
        raise ValueError(f"bad chunk signature at byte {pos}")
    end = pos + (header & 0x0FFF) + 3
    if not header & 0x8000:  # raw (2.4.1.3.3): 4096 bytes, fewer only as the last chunk
        if end != pos + _MAX_CHUNK_BYTES:
            raise ValueError(f"raw chunk at byte {pos} does not declare 4096 bytes")
        out += data[pos + 2 : pos + 2 + CHUNK_SIZE]
        return min(end, len(data))
    if end > len(data):
        raise ValueError(f"chunk at byte {pos} runs past the end of the container")
    chunk_start = len(out)
    pos += 2
    while pos < end:
        flags = data[pos]
        pos += 1
        for bit in range(8):
            if pos >= end:
                break
            if flags >> bit & 1:
                pos = _copy_token(data, pos, out, chunk_start)
            else:
                out.append(data[pos])
                pos += 1
    return end


def _copy_token(data: bytes, pos: int, out: bytearray, chunk_start: int) -> int:
    """Expand the copy token at `pos` into `out` (overlapping copies repeat bytes, as in LZ77)."""
    if pos + 2 > len(data):
        raise ValueError("truncated copy token")
    (token,) = struct.unpack_from("<H", data, pos)
    bits = _bit_count(len(out) - chunk_start)
    offset = (token >> (16 - bits)) + 1
    length = (token & (0xFFFF >> bits)) + _MIN_MATCH
    source = len(out) - offset
    if source < chunk_start:
        raise ValueError("copy token points before the start of its chunk")
    for i in range(length):
        out.append(out[source + i])
    return pos + 2


def _bit_count(position: int) -> int:
    """Bits used for the offset of a copy token at `position` in its chunk (2.4.1.3.19.1)."""
    return max((position - 1).bit_length(), 4)
