"""Phrase rules written by Mutuality for client markers that no public corpus labels:
yearning for connection, concealment (strategies of disconnection), shame (self-blame),
isolation cues, and mentions of the five good things. Not trained and not validated:
each hit shows the phrase that triggered it, for the clinician to judge.
"""

import re

_I = re.IGNORECASE


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", _I)


YEARNING = _rx(
    r"wish (?:i had|there was) (?:someone|somebody|anyone|people)",
    r"(?:want|wanted|need|needed) (?:someone|somebody|people) (?:to|who)",
    r"(?:just )?want(?:ed)? to be (?:close|understood|seen|heard|held|known|loved)",
    r"i miss (?:having|being|people|talking)",
    r"long(?:ing)? for",
    r"want(?:ed)? to (?:belong|connect|feel close)",
    r"wish (?:they|he|she|someone|somebody) (?:knew|understood|would|cared)",
)
CONCEALMENT = _rx(
    r"(?:didn't|did not|never|don't|do not|won't) (?:tell|told|say|said|mention|share) "
    r"(?:anyone|anybody|them|her|him|my \w+)",
    r"kept (?:it|that|things) (?:to myself|in|quiet|hidden|secret)",
    r"keep (?:it|that|things) to myself",
    r"(?:hide|hid|hiding) (?:it|how|what|that|the)",
    r"pretend(?:ed|ing)? (?:i'?m|i was|to be|everything|it) "
    r"(?:fine|ok|okay|alright|was fine|is fine)",
    r"put on a (?:brave |happy )?face",
    r"act(?:ed)? like (?:everything|it|nothing) (?:is|was) (?:fine|wrong)",
    r"(?:don't|didn't) want to (?:be a )?burden",
    r"bottl(?:e|ed|ing) it up",
)
SHAME = _rx(
    r"(?:it's|it is|it was|all) my (?:own )?fault",
    r"i'?m (?:so |just |such )?(?:stupid|worthless|pathetic|useless|broken|a failure|"
    r"disgusting|too much|unlovable|a burden)",
    r"ashamed",
    r"embarrass(?:ed|ing) (?:of|about) (?:myself|me)",
    r"hate myself",
    r"something (?:is )?wrong with me",
    r"i deserve(?:d)? (?:it|this|that)",
    r"blame myself",
    r"(?:not|never) good enough",
)
ISOLATION = _rx(
    r"(?:so |really )?(?:alone|lonely|isolated)",
    r"no ?one (?:to|cares|understands|calls|listens)",
    r"nobody (?:cares|understands|calls|listens)",
    r"(?:left|shut) out",
    r"(?:don't|do not|never) (?:fit in|belong)",
    r"on my own",
    r"no friends",
)
GOOD_THINGS = {
    "zest": _rx(
        r"felt (?:so )?(?:alive|energi[sz]ed|lighter)", r"(?:had|have) (?:more )?energy", r"buzzing"
    ),
    "action": _rx(
        r"(?:actually|finally) (?:did|went|called|asked|signed up|said)",
        r"felt able to",
        r"got up and",
    ),
    "clarity": _rx(
        r"(?:made|makes) sense (?:now|to me)", r"i (?:realised|realized) (?:that|now)", r"clearer"
    ),
    "worth": _rx(
        r"felt (?:like i )?matter(?:ed)?",
        r"felt valued",
        r"felt (?:good|proud) (?:about|of) myself",
    ),
    "connection": _rx(
        r"want(?:ed)? to see (?:them|her|him) again",
        r"want (?:more of that|to do that again)",
        r"looking forward to (?:seeing|meeting)",
    ),
}


def first(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group(0) if m else None
