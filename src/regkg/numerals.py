"""Chinese and Roman numerals, as they appear in article, chapter and point labels."""

from __future__ import annotations

import re

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL = "[零〇一二两三四五六七八九十百千]+"


def cn_to_int(s: str) -> int:
    """Convert a Chinese numeral to an int.

    >>> [cn_to_int(x) for x in ("一", "十", "十三", "二十", "七十四", "一百零三", "一百一十")]
    [1, 10, 13, 20, 74, 103, 110]
    """
    if not s or not re.fullmatch(CN_NUMERAL, s):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    total, current = 0, 0
    for ch in s:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        else:
            total += (current or 1) * _UNITS[ch]
            current = 0
    return total + current


def int_to_cn(n: int) -> str:
    """Convert 1..9999 to a Chinese numeral as used in statute labels.

    >>> [int_to_cn(x) for x in (1, 10, 13, 20, 74, 103, 110)]
    ['一', '十', '十三', '二十', '七十四', '一百零三', '一百一十']
    """
    if not 0 < n < 10000:
        raise ValueError(f"out of range: {n}")
    digits = "零一二三四五六七八九"
    parts: list[str] = []
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero:
                parts.append("零")
                zero = False
            parts.append(digits[d] + unit)
        elif parts:
            zero = True
    out = "".join(parts)
    return out[1:] if out.startswith("一十") else out


_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def int_to_roman(n: int) -> str:
    """Convert a positive int to a Roman numeral.

    >>> int_to_roman(13)
    'XIII'
    """
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def roman_to_int(s: str) -> int:
    """Convert a Roman numeral to an int.

    >>> roman_to_int("XIII")
    13
    """
    s = s.upper()
    if not s or not re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", s):
        raise ValueError(f"not a Roman numeral: {s!r}")
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        v = values[a]
        total += -v if b != " " and values[b] > v else v
    return total
