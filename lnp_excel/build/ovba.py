"""[MS-OVBA] 2.4.1 compression, the LZ77 variant VBA uses for its `dir` and module streams.

The compressor follows the specification's own search (nearest candidate among the longest
matches), so its output is reproducible and equal to the worked examples in MS-OVBA 3.2.
A hash chain over 3-byte prefixes only skips candidates that cannot yield a copy token.
"""

import struct

CHUNK_SIZE = 4096
_SIGNATURE = 0x01
_MAX_CHUNK_BYTES = CHUNK_SIZE + 2  # header plus the largest allowed chunk body
_MIN_MATCH = 3
_COMPARE_BLOCK = 16


def compress(data: bytes) -> bytes:
    """Return a CompressedContainer holding `data` (an empty input gives the signature only)."""
    out = bytearray([_SIGNATURE])
    for start in range(0, len(data), CHUNK_SIZE):
        out += _compress_chunk(data[start : start + CHUNK_SIZE])
    return bytes(out)


def _chunk_header(body_size: int, compressed: bool) -> bytes:
    """Pack size-3 (12 bits), signature 0b011 (3 bits) and the compressed flag (1 bit)."""
    return struct.pack("<H", (body_size + 2 - 3) | 0x3000 | (0x8000 if compressed else 0))


def _compress_chunk(chunk: bytes) -> bytes:
    """Compress one chunk; fall back to a raw chunk when the tokens would not fit (2.4.1.3.7).

    A raw chunk (2.4.1.3.10) copies the chunk's bytes up to LastByte, the last byte of the
    decompressed buffer: a short final chunk is NOT padded to 4096 bytes with zeros, since
    every reader (oletools, the VBA editor) copies "4096 bytes or up to the end of the
    container" and would append the padding to the module text. Its header still declares
    the raw chunk size (4098) that readers require of a raw chunk.
    """
    body = _token_sequences(chunk)
    if len(body) + 2 <= _MAX_CHUNK_BYTES:
        return _chunk_header(len(body), compressed=True) + body
    return _chunk_header(CHUNK_SIZE, compressed=False) + chunk


def _token_sequences(chunk: bytes) -> bytes:
    """Encode a chunk as flag bytes each followed by up to eight literal or copy tokens."""
    body = bytearray()
    finder = _MatchFinder(chunk)
    pos = 0
    while pos < len(chunk):
        flag_index = len(body)
        body.append(0)
        for bit in range(8):
            if pos >= len(chunk):
                break
            offset, length = finder.find(pos)
            if length:
                body += struct.pack("<H", _pack_copy_token(pos, offset, length))
                body[flag_index] |= 1 << bit
                pos += length
            else:
                body.append(chunk[pos])
                pos += 1
    return bytes(body)


def _bit_count(position: int) -> int:
    """Bits used for the offset of a copy token at `position` in its chunk (2.4.1.3.19.1)."""
    return max((position - 1).bit_length(), 4)


def _max_length(position: int) -> int:
    return (0xFFFF >> _bit_count(position)) + _MIN_MATCH


def _pack_copy_token(position: int, offset: int, length: int) -> int:
    return ((offset - 1) << (16 - _bit_count(position))) | (length - _MIN_MATCH)


class _MatchFinder:
    """Longest-match search within one chunk, nearest candidate first, as the spec's loop does."""

    def __init__(self, chunk: bytes) -> None:
        self._chunk = chunk
        self._chains: dict[bytes, list[int]] = {}
        self._indexed = 0

    def find(self, pos: int) -> tuple[int, int]:
        """Return (offset, length) of the copy token to emit at `pos`, or (0, 0) for a literal."""
        self._index_up_to(pos)
        chunk = self._chunk
        best_length, best_candidate = 0, 0
        limit = len(chunk) - pos
        for candidate in reversed(self._chains.get(chunk[pos : pos + _MIN_MATCH], ())):
            length = self._common_length(candidate, pos, limit)
            if length > best_length:
                best_length, best_candidate = length, candidate
                if length == limit:
                    break
        if best_length < _MIN_MATCH:
            return 0, 0
        return pos - best_candidate, min(best_length, _max_length(pos))

    def _index_up_to(self, pos: int) -> None:
        chunk = self._chunk
        for start in range(self._indexed, min(pos, len(chunk) - _MIN_MATCH + 1)):
            self._chains.setdefault(chunk[start : start + _MIN_MATCH], []).append(start)
        self._indexed = max(self._indexed, pos)

    def _common_length(self, a: int, b: int, limit: int) -> int:
        """Length of the common prefix of chunk[a:] and chunk[b:], at most `limit` bytes."""
        chunk = self._chunk
        n = 0
        while n + _COMPARE_BLOCK <= limit and (
            chunk[a + n : a + n + _COMPARE_BLOCK] == chunk[b + n : b + n + _COMPARE_BLOCK]
        ):
            n += _COMPARE_BLOCK
        while n < limit and chunk[a + n] == chunk[b + n]:
            n += 1
        return n
