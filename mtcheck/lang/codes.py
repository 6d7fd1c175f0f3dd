"""Language codes: what is a language, how its tag is spelled, and which script it is written in.

Tags are BCP 47 as far as mtcheck needs: ``de``, ``pt-BR``, ``zh-Hant``, ``sr-Latn``, and
``und-Cyrl`` for "some language in Cyrillic" when only the script of the text is known.
Files spell them otherwise (``zh_CN``, ``sr@latin``, ``de_DE.UTF-8``, ``EN-us``);
``normalize`` turns every spelling into one.
"""

from __future__ import annotations

import functools

import regex


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: ISO 639-1, the old two-letter forms still found in files (iw, in, ji), and the
#: three-letter codes localization teams use for languages without a two-letter one.
LANGUAGE_CODES = _codes(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
    hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
    lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
    or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
    ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    iw in ji
    ace ach ang anp arn ast ban bem bho brx byn ceb cgg chr ckb crh csb doi dsb fil frp fur gez
    haw hne hsb jbo kab kmr kok lij ltg lug lzh mag mai mjw mni nap nds nqo nso pms sah sat scn
    sco shn szl tig tok tzm udm vec wae wuu yue zgh zza
    """
)
#: Old tags and their current form.
_RENAMED = {"iw": "he", "in": "id", "ji": "yi"}
#: POSIX modifiers that name a script (``sr@latin``); any other (``ca@valencia``) is a variant.
_MODIFIER_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl", "shaw": "Shaw", "devanagari": "Deva"}

#: The script a language is written in by default (ISO 15924); not listed: Latin.
_SCRIPTS = {
    "Cyrl": "ru uk be bg sr mk kk ky mn tg tt ba cv ce os av kv sah udm",
    "Arab": "ar fa ur ps ug ckb sd ks",
    "Hebr": "he yi",
    "Grek": "el",
    "Hani": "zh yue lzh wuu",
    "Jpan": "ja",
    "Kore": "ko",
    "Thai": "th",
    "Laoo": "lo",
    "Khmr": "km",
    "Mymr": "my shn",
    "Deva": "hi mr ne sa mai bho kok doi brx mag anp hne",
    "Beng": "bn as mni",
    "Guru": "pa",
    "Gujr": "gu",
    "Orya": "or",
    "Taml": "ta",
    "Telu": "te",
    "Knda": "kn",
    "Mlym": "ml",
    "Sinh": "si",
    "Armn": "hy",
    "Geor": "ka",
    "Ethi": "am ti byn gez tig",
    "Tibt": "bo dz",
    "Thaa": "dv",
    "Nkoo": "nqo",
    "Tfng": "zgh tzm",
    "Olck": "sat",
}
DEFAULT_SCRIPT: dict[str, str] = {lang: script for script, langs in _SCRIPTS.items() for lang in langs.split()}
#: Scripts whose text is written without spaces between words and with full-width punctuation.
CJK_SCRIPTS = frozenset({"Hani", "Hans", "Hant", "Jpan", "Kore"})
#: Han script variants: a tag's script subtag says which, the family is Han.
_SCRIPT_FAMILY = {"Hans": "Hani", "Hant": "Hani"}

_TAG = regex.compile(
    r"(?P<lang>[A-Za-z]{2,3})"
    r"(?:[-_](?P<script>[A-Za-z]{4}))?"
    r"(?:[-_](?P<region>[A-Za-z]{2}|[0-9]{3}))?"
    r"(?P<rest>(?:[-_][A-Za-z0-9]{1,8})*)"
    r"(?:\.[\w-]+)?"  # POSIX codeset: de_DE.UTF-8
    r"(?:@(?P<modifier>\w+))?"
)


@functools.lru_cache(maxsize=1024)
def normalize(code: str | None) -> str | None:
    """One spelling of a tag (``zh_cn`` → ``zh-CN``, ``sr@latin`` → ``sr-Latn``), or None
    for what is no language tag (``C``, ``*all*``, ``Chinese``, an empty string)."""
    if not code:
        return None
    match = _TAG.fullmatch(code.strip())
    if match is None:
        return None
    lang = match.group("lang").lower()
    lang = _RENAMED.get(lang, lang)
    if lang != "und" and lang not in LANGUAGE_CODES and len(lang) == 2:
        return None
    modifier = (match.group("modifier") or "").lower()
    script_subtag = match.group("script") or _MODIFIER_SCRIPTS.get(modifier)
    parts = [lang]
    if script_subtag:
        parts.append(script_subtag.title())
    if match.group("region"):
        parts.append(match.group("region").upper())
    parts.extend(part.lower() for part in regex.split(r"[-_]", match.group("rest")) if part)
    if modifier and modifier not in _MODIFIER_SCRIPTS:
        parts.append(modifier)
    return "-".join(parts)


@functools.lru_cache(maxsize=1024)
def base(tag: str | None) -> str | None:
    """The language subtag: ``pt-BR`` → ``pt``; None for no tag. (Cached: checks ask it of
    every segment, several times.)"""
    if not tag:
        return None
    return tag.split("-")[0].split("_")[0].lower()


@functools.lru_cache(maxsize=1024)
def script(tag: str | None) -> str | None:
    """The script family of a tag: its script subtag, else its language's default (Latin when
    the language is known and not listed), None for an unknown tag."""
    if not tag:
        return None
    for part in tag.split("-")[1:]:
        if len(part) == 4 and part.isalpha():
            titled = part.title()
            return _SCRIPT_FAMILY.get(titled, titled)
    lang = base(tag)
    if lang == "und" or lang is None:
        return None
    return DEFAULT_SCRIPT.get(lang, "Latn")


def is_cjk(tag: str | None) -> bool:
    return script(tag) in CJK_SCRIPTS
