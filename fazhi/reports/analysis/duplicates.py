"""Copy detection: near-duplicate passages between reports, with MinHash LSH (datasketch).

Each report is cut into passages of a few sentences (at least ``min_chars`` characters). A passage
is reduced to its Chinese characters, letters and digits — numbers and template blanks become one
symbol, so "2022年", "2009年" and "xx年" read alike — and represented by the MinHash of its
character 5-grams. datasketch's :class:`~datasketch.MinHashLSH` finds, for every passage, the
passages of other reports whose estimated Jaccard similarity reaches ``threshold``.

For a pair of reports the result lists the overlapping passages (merged where they follow each
other) and ``similarity``: the share of the report's text that is found in the other report.

The index is pluggable: feed it the reports of the batch, earlier years' reports of the same unit,
or any corpus the office loads (:meth:`CopyIndex.add_text`, or precomputed
:func:`signature` objects stored with the reports).

Shingles are hashed with a vectorised polynomial hash of code points, so signatures are identical
in every process (Python's own ``hash`` is salted per process) and cheap to compute; datasketch's
``affine32`` MinHash scheme mixes and permutes them.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

__all__ = ["CopyIndex", "CopyMatch", "Signature", "minhash_values", "signature"]

NUM_PERM = 64
SEED = 1
SCHEME = "affine32"
SHINGLE = 5
_MASK32 = np.uint64((1 << 32) - 1)
_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9*×○]+")
_NUMBERISH = re.compile(
    r"[0-9]+(?:[.,][0-9]+)*|[Xx×*○]{2,}|[零〇一二两三四五六七八九十百千万]+(?=[年月日件项个人次份条家名所批])"
)
_SENT_END = re.compile(r"[。!?;\n]")


_BASE = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=int)
_PERM_A = _BASE.permutations[0].astype(np.uint32)
_PERM_B = _BASE.permutations[1].astype(np.uint32)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser — the pre-mix of datasketch's "affine32" scheme."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def minhash_values(shingle_hashes: np.ndarray, bounds: list[tuple[int, int]]) -> np.ndarray:
    """MinHash values of several shingle ranges at once, exactly as datasketch's ``affine32``
    ``MinHash.update_batch`` computes them (checked by a test), but in one vectorised pass."""
    hv = _fmix32(shingle_hashes.astype(np.uint32))
    with np.errstate(over="ignore"):
        permuted = hv[:, None] * _PERM_A[None, :] + _PERM_B[None, :]
    out = np.empty((len(bounds), NUM_PERM), dtype=np.uint32)
    for n, (lo, hi) in enumerate(bounds):
        out[n] = permuted[lo:hi].min(axis=0)
    return out


@dataclass(slots=True)
class Signature:
    """MinHash signatures of a report's passages; ``spans`` are offsets into the report text."""

    spans: list[tuple[int, int]]
    sizes: list[int]  # normalised characters per passage
    hashes: np.ndarray  # (passages, NUM_PERM) uint32, datasketch "affine32" MinHash values
    length: int  # normalised characters in the whole report

    def to_dict(self) -> dict[str, object]:
        """JSON-serialisable form, e.g. to store with an earlier report."""
        return {
            "spans": [list(s) for s in self.spans],
            "sizes": self.sizes,
            "hashes": self.hashes.astype(np.uint32).tolist(),
            "length": self.length,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Signature:
        hashes = np.array(data["hashes"], dtype=np.uint32).reshape(-1, NUM_PERM)
        return cls([tuple(s) for s in data["spans"]], list(data["sizes"]), hashes, int(data["length"]))  # type: ignore[arg-type, misc]


def _normalise(text: str) -> str:
    kept = "".join(_KEEP.findall(text))
    return _NUMBERISH.sub("0", kept)


def _shingle_hashes(norm: str) -> np.ndarray:
    if len(norm) < SHINGLE:
        norm = norm.ljust(SHINGLE, "_")
    cps = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(cps) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):
        h = h * np.uint64(1000003) + cps[k : k + n]
    # 32-bit shingle hashes; datasketch pre-mixes them (MurmurHash3 finaliser) before permuting
    return (h ^ (h >> np.uint64(32))) & _MASK32


def _passages(text: str, min_chars: int, max_chars: int) -> list[tuple[int, int, str]]:
    """Cut a text into passages of whole sentences, at boundaries chosen by content; each passage
    comes with its normalised text.

    A passage ends at a sentence end once it has ``min_chars`` normalised characters *and* the
    sentence's own hash says so (one sentence end in three), or at ``max_chars``. Because the
    boundaries depend on the sentences and not on where the text starts, the same paragraph copied
    into two reports is cut the same way in both (content-defined chunking), so its passages match.
    """
    passages: list[tuple[int, int, str]] = []
    start = 0
    sentence_start = 0
    parts: list[str] = []
    length = 0  # normalised characters, so that changed numbers do not move the boundaries
    for m in _SENT_END.finditer(text):
        pos = m.end()
        sentence = _normalise(text[sentence_start:pos])
        sentence_start = pos
        parts.append(sentence)
        length += len(sentence)
        if length >= max_chars or (length >= min_chars and zlib.crc32(sentence.encode("utf-8")) % 3 == 0):
            passages.append((start, pos, "".join(parts)))
            start, parts, length = pos, [], 0
    tail = _normalise(text[sentence_start:])
    parts.append(tail)
    length += len(tail)
    if length >= min_chars // 2 or (not passages and length):
        passages.append((start, len(text), "".join(parts)))
    elif passages and length:
        first, _end, norm = passages[-1]
        passages[-1] = (first, len(text), norm + "".join(parts))
    return passages


def signature(text: str, *, min_chars: int = 200, max_chars: int = 700) -> Signature:
    """Passage signatures of one report text."""
    spans: list[tuple[int, int]] = []
    sizes: list[int] = []
    chunks: list[np.ndarray] = []
    bounds: list[tuple[int, int]] = []
    total = 0
    pos = 0
    for start, end, norm in _passages(text, min_chars, max_chars):
        total += len(norm)
        if len(norm) < 20:
            continue
        hv = _shingle_hashes(norm)
        chunks.append(hv)
        bounds.append((pos, pos + len(hv)))
        pos += len(hv)
        spans.append((start, end))
        sizes.append(len(norm))
    if not chunks:
        return Signature([], [], np.zeros((0, NUM_PERM), dtype=np.uint32), total)
    return Signature(spans, sizes, minhash_values(np.concatenate(chunks), bounds), total)


@functools.cache
def _lsh_params(threshold: float) -> tuple[int, int]:
    """Bands and rows that datasketch chooses for a threshold (its choice integrates numerically,
    which is worth doing once per process, not once per index)."""
    probe = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return probe.b, probe.r


def _lean(hashvalues: np.ndarray) -> LeanMinHash:
    return LeanMinHash(seed=SEED, hashvalues=hashvalues, scheme=SCHEME)


@dataclass(slots=True)
class CopyMatch:
    """Passages of report ``key`` found in report ``other``."""

    key: str
    other: str
    other_meta: dict[str, object]
    similarity: float  # share of ``key``'s text found in ``other``
    shared_chars: int
    passages: list[dict[str, object]] = field(default_factory=list)


class CopyIndex:
    """An LSH index over report passages.

    ``threshold`` is the estimated Jaccard similarity of two passages' 5-gram sets from which they
    count as the same passage; ``max_sources`` ignores stock phrases that occur in more reports than
    that (a political formula is not a copy).
    """

    def __init__(self, *, threshold: float = 0.6, max_sources: int = 60, min_chars: int = 200) -> None:
        self.threshold = threshold
        self.max_sources = max_sources
        self.min_chars = min_chars
        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=_lsh_params(threshold))
        self._signatures: dict[str, Signature] = {}
        self.meta: dict[str, dict[str, object]] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, key: object) -> bool:
        return key in self._signatures

    def signature(self, text: str) -> Signature:
        return signature(text, min_chars=self.min_chars)

    def add(self, key: str, sig: Signature, meta: dict[str, object] | None = None) -> None:
        """Index a report under a unique ``key``; ``meta`` (file, unit, year, source …) is returned
        with matches."""
        if key in self._signatures:
            raise KeyError(f"duplicate key {key!r}")
        self._signatures[key] = sig
        self.meta[key] = dict(meta or {})
        with self._lsh.insertion_session() as session:
            for n in range(len(sig.spans)):
                session.insert((key, n), _lean(sig.hashes[n]), check_duplication=False)

    def add_text(self, key: str, text: str, meta: dict[str, object] | None = None) -> Signature:
        sig = self.signature(text)
        self.add(key, sig, meta)
        return sig

    def matches(
        self, key: str, *, min_similarity: float = 0.1, min_shared: int = 200, limit: int = 20
    ) -> list[CopyMatch]:
        """Reports sharing passages with the indexed report ``key``, most similar first."""
        sig = self._signatures[key]
        hits: dict[str, dict[int, tuple[int, float]]] = defaultdict(dict)
        for n in range(len(sig.spans)):
            found = self._lsh.query(_lean(sig.hashes[n]))
            others = {k for (k, _m) in found if k != key}
            if len(others) > self.max_sources:
                continue
            for other_key, m in found:
                if other_key == key:
                    continue
                est = float(np.mean(sig.hashes[n] == self._signatures[other_key].hashes[m]))
                if est < self.threshold:
                    continue
                best = hits[other_key].get(n)
                if best is None or est > best[1]:
                    hits[other_key][n] = (m, est)
        results: list[CopyMatch] = []
        for other_key, by_passage in hits.items():
            shared = sum(sig.sizes[n] for n in by_passage)
            similarity = shared / sig.length if sig.length else 0.0
            if similarity < min_similarity and shared < min_shared:
                continue
            other_sig = self._signatures[other_key]
            passages: list[dict[str, object]] = []
            for n in sorted(by_passage):
                m, est = by_passage[n]
                start, end = sig.spans[n]
                o_start, o_end = other_sig.spans[m]
                last = passages[-1] if passages else None
                if last is not None and last["_n"] == n - 1:
                    last["end"] = end
                    last["other_start"] = min(int(last["other_start"]), o_start)  # type: ignore[call-overload]
                    last["other_end"] = max(int(last["other_end"]), o_end)  # type: ignore[call-overload]
                    last["_n"] = n
                    last["_est"].append(est)  # type: ignore[union-attr]
                else:
                    passages.append(
                        {
                            "start": start,
                            "end": end,
                            "other_start": o_start,
                            "other_end": o_end,
                            "_n": n,
                            "_est": [est],
                        }
                    )
            for p in passages:
                est_list = p.pop("_est")
                p.pop("_n")
                p["score"] = round(sum(est_list) / len(est_list), 3)  # type: ignore[arg-type]
            results.append(
                CopyMatch(
                    key,
                    other_key,
                    self.meta.get(other_key, {}),
                    round(min(1.0, similarity), 3),
                    shared,
                    passages,
                )
            )
        results.sort(key=lambda r: (-r.similarity, r.other))
        return results[:limit]
