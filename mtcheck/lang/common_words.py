"""Frequent function words of Latin-script languages: how a file of text says which one it is.

Only the last resort of language detection (see mtcheck.lang.detect): files, paths and
flags come first. A word may appear under several languages (``de``, ``la``); a file is one
language's when that language's words clearly outnumber every other's.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


COMMON_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the of and to is that it for with as was on are be this by not you have from or at an which can "
        "will if your there has but they their would what all when been were more do does should could "
        "we our us he she his its"
    ),
    "de": _words(
        "der die das und ist nicht ich sie es ein eine einen zu den mit von auf für im dem des sich auch "
        "wird werden kann oder wenn wie bei aus nach sind wurde ihr diese keine noch nur kein über"
    ),
    "fr": _words(
        "le la les et est des une un du pas que qui pour dans sur au avec ce sont vous ne il elle par "
        "plus être cette aux ou été peut ces leur nous"
    ),
    "es": _words(
        "el la los las y es que en un una por con para no se del al lo como más su está son pero este "
        "esta puede ha hay sus desde"
    ),
    "it": _words(
        "il lo la gli le e di che è un una per non con del della dei delle si sono al nel alla da come "
        "più questo questa può ha"
    ),
    "pt": _words(
        "o a os as e de que do da não um uma para com em no na por se é dos das ao mais ser está você pode foi são"
    ),
    "nl": _words(
        "de het een en van is niet dat op te in met voor zijn er die deze kan wordt of aan bij ook als geen naar worden"
    ),
    "pl": _words("i w nie się na to z do jest że o jak ale po co tak za od może być są lub dla ten ta"),
    "cs": _words("a se na je že v to s z do jako ale pro by jsou není nebo také který byl lze"),
    "sv": _words("och att det som en är på av för med den till inte har om ett de kan eller från vid finns"),
    "fi": _words("ja on ei se että tai kun mutta ole ovat voi olla jos kanssa mitä tämä"),
    "tr": _words("ve bir bu için ile de da değil mi olarak daha çok gibi ama veya ne"),
    "ro": _words("și în de la cu nu se pe un o este care din pentru sau sunt fost"),
    "hu": _words("a az és hogy nem egy van is meg de ez mint vagy már csak"),
    "id": _words("dan yang di ini itu dengan untuk tidak dari dalam ke akan pada adalah atau bisa"),
    "vi": _words("và của là có không được một các cho trong với này để những khi"),
    "ca": _words("el la els les i de que a en un una per amb no es del al és als"),
}
