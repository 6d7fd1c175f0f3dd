"""English word lists the built-in checks consult.

Each list is as short as the evidence allows: a word is here because a check misfired or
would misfire on real English without it (see the check that uses it). The lists are
written as whitespace-separated words to keep them readable and diff-friendly.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Tokens that end in a full stop without ending a sentence (lower-cased, final dot removed).
ABBREVIATIONS = _words(
    """
    mr mrs ms dr st jr sr prof rev gen col lt sgt capt cmdr gov sen rep pres vs etc e.g
    i.e cf al ca approx est dept univ inc ltd co corp plc llc bros no nos vol vols p pp ch
    sec fig figs eq ed eds trans op misc ref jan feb mar apr jun jul aug sep sept oct nov
    dec mon tue wed thu fri sat sun a.m p.m u.s u.k u.n e.u d.c mt ft km kg cm mm min max
    tel ext
    """
)

#: Words a sentence cannot end on: a segment ending in one without punctuation was cut.
#: Lower case only: "Plan A" and "That." are not dangling.
DANGLING_END_WORDS = _words(
    """
    that which whose whom and or nor but of to the a an with for by as from into onto upon
    than when while whereas because although though if unless whether its their his her
    our my your at in on about between among through via
    """
)

#: "X and X" that English uses for emphasis or repetition ("again and again").
ITERATIVE_PAIRS = _words(
    """
    more less worse ever again over round around through on out up down back forth by time
    times years hours days weeks months minutes seconds decades centuries ages miles
    layers rows pages piles lots tons bits thousands millions billions hundreds dozens
    generations masses
    """
)

#: Capitalised after a comma these words cannot be a proper noun: the MT restarted a
#: sentence mid-clause ("multi-dimensional , Publicize national security knowledge").
#: Imperative verbs and adverbs of Chinese official register, plus function words.
RESTART_WORDS = _words(
    """
    Publicize Promote Strengthen Improve Take Build Carry Implement Enhance Adhere Persist
    Insist Uphold Deepen Accelerate Advance Create Establish Consolidate Ensure Maintain
    Safeguard Focus Play Fight Firmly Resolutely Effectively Further Vigorously Earnestly
    Actively Comprehensively Continuously Steadily Strictly Thoroughly In On At For And
    But Or Of To With From By Into Than Which Whose
    """
)

#: Common abstract nouns that MT leaves capitalised after a closing quote when it
#: reorders a phrase ("the country’s “five major security” Responsibility").
QUOTE_RESTART_NOUNS = _words(
    """
    Responsibility Responsibilities Atmosphere Team Teams Work Mechanism Mechanisms System
    Systems Pattern Requirement Requirements Deployment Construction Task Tasks Spirit
    Concept Awareness Activities Activity Campaign Policy Policies Measures Goal Goals
    Strategy Problem Problems Issue Issues
    """
)

#: Words that make a short sentence a sentence (or a fixed formula) rather than a
#: verbless fragment: pronouns, articles, auxiliaries, common verbs, interjections.
SENTENCE_WORDS = _words(
    """
    i you he she it we they me him us them this that these those there here a an the my
    your his her its our their is are was were be been being am do does did done have has
    had can could will would shall should may might must thank thanks please yes no not
    okay ok right sure exactly indeed well wow oh good absolutely really hello hi bye
    goodbye welcome sorry congratulations cheers see look let go come make get give take
    say tell know think mention one ones
    """
)

#: Common verbs whose form gives no -ed/-ing/-es clue ("Prices rose.", "Costs fell."): a
#: short sentence containing one is a sentence, not a fragment.
COMMON_VERBS = _words(
    """
    rose rise rises fell fall falls went goes came comes grew grow grows ran run runs saw
    said says made makes took takes got gets gave gives knew knows thought thinks found
    finds left leaves felt feels kept keeps began begins became becomes won wins lost
    loses stood stands sat sits held holds brought brings bought buys told tells paid pays
    met meets led leads read reads wrote writes spoke speaks broke breaks chose chooses
    drove drives ate eats fought fights sold sells sent sends spent spends built builds
    meant means heard hears flew flies drew draws threw throws wore wears woke wakes hid
    hides shook shakes struck strikes fit fits cut cuts hit hits put puts set sets shut
    shuts quit quits lets works worked matters mattered helps helped happens happened
    changes changed exists existed stays stayed waits waited continues continued follows
    followed
    """
)

#: The words after which en.punct.hyphen-as-dash (rules/en/typography.toml) reads a glued
#: hyphen as a dash ("the universe-a series of"). punct.dash-as-hyphen counts those hyphens
#: as dashes already flagged; a test keeps the two lists equal.
HYPHEN_DASH_WORDS = _words(
    """
    a an the this that these those if and but or each at which who what when where it its
    we you they he she i in for with from as because there not is are was were
    """
)

#: Words that open a clause after a dash and end no hyphenated compound: sentence adverbs,
#: possessives and pronouns, quantifiers, subordinators ("simple sequences-basically the
#: DNA", "what we want to build-our buildings"). Not "like", "even", "most", "while", "how":
#: they end compounds (dam-like, break-even, left-most, worth-while, know-how).
CLAUSE_OPENERS = _words(
    """
    actually basically absolutely really especially mainly mostly obviously probably
    certainly clearly simply exactly definitely essentially fundamentally unfortunately
    fortunately surprisingly interestingly hopefully finally eventually apparently
    generally usually particularly specifically namely roughly nearly almost perhaps maybe
    also then so such say our their my his your them him us both many things something
    everything nothing whether although though unless until leaving including
    """
)

#: Words that take a number after a hyphen in a compound (mid-2017, COVID-19, post-95,
#: under-18s): a hyphen after them is no dash.
NUMBER_COMPOUND_HEADS = _words("mid pre post covid sars top under over non anti type phase level grade class tier")

#: First parts of hyphenated compounds (self-esteem, non-manual, three-dimensional,
#: large-scale), and second parts (age-old, UV-based, high-level), seen on the TED zh→en MT:
#: a glued hyphen with one of them is a compound, not a dash, when counting dashes.
COMPOUND_HEADS = _words(
    """
    self non co anti multi pre post re ex well half semi sub super inter cross mid one two
    three four five six seven eight nine ten high low long short full large small all so
    near far first second third ultra extra best better highest lowest least most worst
    free sino afro euro indo anglo franco e x t u
    """
)
COMPOUND_TAILS = _words(
    """
    like based free related level scale term year years old long wide made style type size
    sized shaped known called friendly oriented rich poor led run owned class time day month
    week hour minute speed quality grade off up down out in on over back way rate
    dimensional standing making taking looking driven focused centered centred building
    """
)
