"""Length: a target much shorter or longer than its source, or with fewer sentences.

Both are omission and truncation signals that need the source (zh-en-domain.md §4.2 S-1,
S-2). The length ratio is measured in the units that make it stable for the pair: for a
Chinese source, target characters per Han character.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

from mtcheck.checks.base import BuiltinCheck
from mtcheck.gates import Gate
from mtcheck.lang.codes import base as base_lang
from mtcheck.lazyre import lazy
from mtcheck.model import AtPlace, Segment, Severity, Side
from mtcheck.rule import Example, Hit, RuleInfo, Scope

OMISSION = "accuracy/omission"
_HAN = lazy(r"\p{Han}")
_HAN_RUNS = lazy(r"\p{Han}+")

#: Published defaults per (source, target) pair: (low, high) target characters per source
#: character, and the least source characters a segment needs to be judged. zh→en: official
#: prose runs 4.4–5.4 English characters per Han character (zh-en-domain.md §4.2), TED talks
#: 3.4 (median of 5,685 segments of the development set); below 2.0 or above 9.0 no human
#: reference of that set falls.
RATIO_DEFAULTS: dict[tuple[str, str], tuple[float, float, int]] = {
    ("zh", "en"): (2.0, 9.0, 15),
}
#: A file with at least this many measurable segments is also judged against itself.
CALIBRATION_MIN = 200
#: Robust z-score (median and MAD of the log ratio) below which a segment is an outlier.
#: Only short outliers: on the development set the long ones (14, 21% with any annotated
#: error) were noise, the short ones (8, half of them annotated) omissions.
CALIBRATION_Z = 3.5


def _source_units(source: str) -> int:
    """The source's Han characters, counted by runs (a list of every character costs more)."""
    return sum(map(len, _HAN_RUNS.findall(source)))


def _pair(segment: Segment) -> tuple[str, str] | None:
    """The pair whose defaults apply: declared languages, else a Han source into a Latin target."""
    src, tgt = base_lang(segment.src_lang), base_lang(segment.tgt_lang)
    if src is None and segment.source and _HAN.search(segment.source):
        src = "zh"
    return (src, tgt) if (src, tgt) in RATIO_DEFAULTS else None


def _ratio_hit(segment: Segment, ratio: float, why: str) -> Hit:
    return _ratio_hit_over(len(segment.source or ""), ratio, why)


def _ratio_hit_over(source_length: int, ratio: float, why: str) -> Hit:
    direction = "short" if why == "low" else "long"
    message = f"The target is unusually {direction} for its source ({ratio:.1f} characters per source character)"
    return Hit(0, source_length, message, side=Side.SOURCE)


@dataclass
class LengthRatio:
    """Per segment against the pair's published band; per file against the file itself."""

    info: RuleInfo
    literals: None = None
    #: Ratios of the current file, by segment key (a fix run checks a segment repeatedly).
    measured: dict[str, tuple[float, Segment]] = field(default_factory=dict)
    #: A file streamed from disk (``start_file(..., streamed=True)``) keeps no segments: each
    #: ratio goes in ``compact`` with its segment's line and source length (24 bytes a
    #: segment), and ``finish_file`` names the flagged segments by place (model.AtPlace).
    compact: CompactRatios | None = None

    def fresh(self) -> LengthRatio:
        """A new instance for a new run: the measurements are per run, never shared."""
        return LengthRatio(self.info)

    def stream_file(self, streamed: bool) -> None:
        """The engine says, before a file's segments, whether they are streamed."""
        self.compact = CompactRatios() if streamed else None

    def hits(self, segment: Segment) -> Iterator[Hit]:
        if not segment.source or not segment.target.strip():
            return
        pair = _pair(segment)
        if pair is None:
            return
        low, high, minimum = RATIO_DEFAULTS[pair]
        units = _source_units(segment.source)
        if units < minimum:
            return
        ratio = len(segment.target.strip()) / units
        if ratio < low or ratio > high:
            yield _ratio_hit(segment, ratio, "low" if ratio < low else "high")
            return
        if self.compact is not None:
            self.compact.add(ratio, AtPlace.place(segment), len(segment.source))
        else:
            self.measured[segment.key] = (ratio, segment)

    def export_file_state(self) -> dict[str, tuple[float, Segment]] | CompactRatios:
        """The file's evidence so far, handed over (a chunk of a big file checked in a worker)."""
        if self.compact is not None:
            compact, self.compact = self.compact, CompactRatios()
            return compact
        measured, self.measured = self.measured, {}
        return measured

    def merge_file_state(self, state: dict[str, tuple[float, Segment]] | CompactRatios) -> None:
        """Add a chunk's evidence (chunks in file order)."""
        if isinstance(state, CompactRatios):
            self.compact = self.compact or CompactRatios()
            self.compact.extend(state)
        else:
            self.measured.update(state)

    def finish_file(self) -> Iterator[tuple[Segment | AtPlace, Hit]]:
        compact, self.compact = self.compact, None
        measured, self.measured = list(self.measured.values()), {}
        ratios = compact.ratios if compact is not None else [ratio for ratio, _ in measured]
        if len(ratios) < CALIBRATION_MIN:
            return
        # Floats in an array, not objects: a streamed file of a million rows stays small.
        logs = array("d", map(math.log, ratios))
        import statistics  # (with decimal and random: only a file big enough to calibrate needs it)

        centre = statistics.median(logs)
        spread = statistics.median(abs(value - centre) for value in logs)
        if spread == 0:
            return
        for index, value in enumerate(logs):
            if 0.6745 * (value - centre) / spread < -CALIBRATION_Z:
                if compact is not None:
                    hit = _ratio_hit_over(compact.lengths[index], ratios[index], "low")
                    yield AtPlace.at(compact.places[index]), hit
                else:
                    segment = measured[index][1]
                    yield segment, _ratio_hit(segment, ratios[index], "low")


class CompactRatios:
    """Ratios with their segments' places (``AtPlace.place``) and source lengths, in arrays."""

    def __init__(self) -> None:
        self.ratios = array("d")
        self.places = array("q")
        self.lengths = array("q")

    def add(self, ratio: float, place: int, length: int) -> None:
        self.ratios.append(ratio)
        self.places.append(place)
        self.lengths.append(length)

    def extend(self, other: CompactRatios) -> None:
        self.ratios.extend(other.ratios)
        self.places.extend(other.places)
        self.lengths.extend(other.lengths)


LENGTH_RATIO = LengthRatio(
    RuleInfo(
        id="length.ratio",
        category=OMISSION,
        severity=Severity.MINOR,
        summary="A target much shorter or longer than its source (per pair, and calibrated on the file)",
        why="A target far shorter than its source has usually lost a clause; far longer, it "
        "repeats or hallucinates. Each segment is held against the pair's published band; a "
        f"file of {CALIBRATION_MIN}+ segments is also held against itself (robust z-score of the "
        f"log ratio below -{CALIBRATION_Z}: too short), since register moves the normal ratio.",
        bad=(Example("Security matters.", source="国家安全是民族复兴的根基，社会稳定是国家强盛的前提。"),),
        good=(
            Example(
                "National security is the bedrock of national rejuvenation, and social stability "
                "is a prerequisite for national prosperity.",
                source="国家安全是民族复兴的根基，社会稳定是国家强盛的前提。",
            ),
            Example("Thanks.", source="谢谢。"),
        ),
        needs_source=True,
    )
)

# --- sentence count ---------------------------------------------------------------------------

#: Sentence ends in Chinese: 。！？ and the semicolon, which joins sentences there.
_ZH_SENTENCE = lazy(r"[。！？；]+[”’」』）)]*")
#: A question or exclamation followed by a short reporting clause (为什么？我听到你们问。
#: “怎么了？！，”他问道。) is one sentence in English: “Why?” I hear you ask.
_ZH_REPORTED = lazy(r"[！？!?]+[”’」』]*[，,]?[”’」』]*\s*\p{Han}{1,6}(?:问|问道|说道|答道|喊道|叫道)[。！]")
#: In English: . ! ? before a capital or the end; a semicolon or a dash joins two sentences,
#: which is how a good translation often renders a Chinese full stop. An abbreviation's stop
#: (U.S., BMJ.) ends no sentence mid-text, but the text's last mark always ends one.
_EN_SENTENCE = lazy(r"(?<![A-Z]\.?[A-Z]?)[.!?]+[\"”’)]*(?=\s+[\"“(]?[A-Z0-9])|[.!?]+[\"”’)]*\s*$|;(?=\s)|\s--?\s|—")


def _sentences(segment: Segment) -> Iterator[Hit]:
    source = segment.source
    if not source or sum(map(source.count, "。！？；")) < 2:  # one sentence or none: none can be missing
        return
    if not _HAN.search(source):
        return
    in_source = len(_ZH_SENTENCE.findall(source)) - len(_ZH_REPORTED.findall(source)) or 1
    in_target = len(_EN_SENTENCE.findall(segment.target)) or 1
    if in_target < in_source:
        yield Hit(
            0,
            len(source),
            f"The source has {in_source} sentences, the target {in_target}: one may be missing",
            side=Side.SOURCE,
        )


SENTENCE_COUNT = BuiltinCheck(
    RuleInfo(
        id="length.sentences",
        category=OMISSION,
        severity=Severity.MINOR,
        summary="Fewer target sentences than source sentences",
        why="Chinese official prose yields as many English sentences as it has, or more (long "
        "，-chains get split); fewer means a sentence was dropped or two were fused. Chinese "
        "。！？； and English . ! ? ; and dashes count as sentence ends. On the development set "
        "68 MT segments are flagged, 19% of them with an annotated omission (3.4% base rate).",
        bad=(Example("The meeting was held.", source="会议召开了。代表们发言了。"),),
        good=(
            Example("The meeting was held. Delegates spoke.", source="会议召开了。代表们发言了。"),
            Example("The meeting was held; delegates spoke.", source="会议召开了。代表们发言了。"),
            Example("It is embedded; there is no input.", source="它是直接嵌入的；没有外部指令输入。"),
            Example("We were worried. So we published in the BMJ.", source="我们有点担心。所以我们在期刊上发表了。"),
        ),
        needs_source=True,
        scope=Scope(("en",), ("zh",)),
    ),
    _sentences,
    gate=Gate(source="[。！？；][^。！？；]*[。！？；]"),  # two sentence marks in the source
)

CHECKS = (LENGTH_RATIO, SENTENCE_COUNT)
