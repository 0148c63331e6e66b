"""Duties: every deontic statement of an article, with modality, bearer, action, conditions and exceptions.

The ``regkg_deontic`` component marks the deontic words (应当 / 不得 / 可以 / 鼓励 …; shall / shall not / may /
must / is prohibited …, rules in ``rules/deontic.<lang>.jsonl``). Each marker becomes one duty; this module cuts
its sentence into parts with the clause lexicon (``rules/clauses.yaml``)::

    [conditions] [subject] MARKER action [, where condition] [unless exception]

* **Bearer.** The first role named in the subject (not an object: 向用户 / "to the provider"), with the roles
  coordinated with it as co-bearers (深度合成服务提供者和技术支持者). Without one: the subject of the condition
  ("Where the provider …, it shall"), the agent of a passive ("shall be notified by the notified body"), an
  implicit subject rule (``rules/subjects.yaml``: 提供和使用生成式人工智能服务 -> the genai provider), the chapeau
  of the point, the earlier sentences of the article — recorded as ``bearer_source`` explicit / implicit /
  chapeau / article / none. A subject that is a thing ("The decision shall be notified …") takes the bearer of
  the article's earlier sentences, as the gold does.
* **Several markers in a sentence** give several duties (应当…，不得…; "shall … and shall not …"); "shall not
  … or …" stays one prohibition.
* **Chapeau over points.** A chapeau whose marker governs the list (应当遵守以下规定：/ "Providers shall:" /
  "The following practices shall be prohibited:") gives one duty per point, with the chapeau's modality and
  bearer (``bearer_source="chapeau"``); a point's own markers add duties. When the list is part of a condition
  (提供以下…服务，…的，应当… / 有下列情形之一的) or a list of alternatives (应当具备下列条件之一 / "one of the
  following") the chapeau is one duty and the points are its scope.
* **Not duties:** markers inside a condition (法律规定应当…的，), an exception (…可以不告知的除外), a role's name
  (负责…的部门) or a complement (提示使用者可以… / "remind users that they may"); 支持 and 方可 inside an
  obligation's action (应当…，支持… / 应当…后，方可…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Span

from .model import Duty, Evidence
from .pipeline import clause_rules, compiled, load_yaml
from .provisions import Provision, Unit

_ADJACENT = re.compile(r"[\s，,]*(?:(?:that|who|which)(?:\s+(?:they|it|he or she))?)?\s*$", re.IGNORECASE)
_ALTERNATIVES = re.compile(
    r"(?:下列|以下)[^，。；：]{0,8}之一|\b(?:one|any|either) of the following\b", re.IGNORECASE
)
_RESIDUAL_ADVERBIALS = (
    "根据",
    "按照",
    "依照",
    "依据",
    "结合",
    "in accordance with",
    "pursuant to",
    "as appropriate",
    "at least",
    "at a minimum",
    "where appropriate",
    "where applicable",
    "for a period",
    "for the purpose",
    "before",
    "after",
    "in particular",
    "without prejudice",
)
_COMPLEMENT_VERBS = (
    "提示",
    "要求",
    "告知",
    "通知",
    "督促",
    "指导",
    "引导",
    "remind",
    "inform",
    "require",
    "request",
)
AMENDING = re.compile(
    r"(?:is|are) (?:added|inserted|replaced by the following|deleted)\s*:|(?:is|are) replaced by the following"
    r"|(?:is|are) amended as follows"
)


@dataclass
class Frame:
    """What a chapeau hands down to its points (and to its own wrap-up text)."""

    bearer: str | None
    co_bearers: tuple[str, ...]
    source: str
    modality: str | None
    marker: str
    rule: str
    distribute: bool
    conditions: tuple[str, ...] = ()


@dataclass
class Context:
    """The last resolved bearer of the article, for subjectless sentences."""

    bearer: str | None = None
    co_bearers: tuple[str, ...] = ()


@cache
def subject_rules(lang: str) -> tuple[tuple[re.Pattern, str, tuple[str, ...], str], ...]:
    """(pattern, role id, scope, where) of ``rules/subjects.yaml``; where is "subject" or "condition"."""
    data = load_yaml("rules/subjects.yaml")
    out = []
    for i, r in enumerate(data.get(lang) or (), 1):
        if not isinstance(r, dict) or "pattern" not in r or "role" not in r:
            raise ValueError(f"rules/subjects.yaml: {lang} entry #{i} needs pattern and role")
        where = r.get("where", "subject")
        if where not in ("subject", "condition"):
            raise ValueError(f"rules/subjects.yaml: {lang} entry #{i}: where must be subject or condition")
        out.append((re.compile(r["pattern"], re.IGNORECASE), r["role"], tuple(r.get("scope") or ()), where))
    return tuple(out)


def _strip(text: str, start: int, end: int, chars: str = " \t\n，,；;。.：:、") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _starts_with(s: str, words, lang: str) -> str | None:
    low = s.lower() if lang == "en" else s
    for w in sorted(words, key=len, reverse=True):
        w2 = w.lower() if lang == "en" else w
        if low.startswith(w2) and (lang == "zh" or len(low) == len(w2) or not low[len(w2)].isalnum()):
            return w
    return None


def _ends_with(s: str, words) -> str | None:
    for w in sorted(words, key=len, reverse=True):
        if s.endswith(w):
            return w
    return None


class DutyReader:
    """Reads the duties of one article in one language."""

    def __init__(self, instrument: str, jurisdiction: str, lang: str):
        self.instrument = instrument
        self.jurisdiction = jurisdiction
        self.lang = lang
        self.rules = clause_rules(lang)
        self.sep = compiled(self.rules["clause_sep"])
        self.inline_cond = compiled(self.rules["inline_condition"], re.IGNORECASE)
        self.exceptions = [compiled(x, re.IGNORECASE) for x in self.rules["exception"]]
        self.exception_sentence = compiled(self.rules["exception_sentence"], re.IGNORECASE)
        self.passive = compiled(self.rules["passive"], re.IGNORECASE)
        self.agent = compiled(self.rules["agent"], re.IGNORECASE)

    # -- zone analysis --------------------------------------------------------------------------------------------

    def _clauses(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        out, pos = [], start
        for m in self.sep.finditer(text, start, end):
            out.append((pos, m.start()))
            pos = m.end()
        out.append((pos, end))
        return [c for c in out if text[c[0] : c[1]].strip()]

    def _is_condition(self, clause: str) -> bool:
        clause = clause.strip()
        if self.lang == "zh" and _ends_with(clause, self.rules["condition_end"]):
            return True
        return _starts_with(clause, self.rules["condition_start"], self.lang) is not None

    def split_zone(self, text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int]:
        """Condition clauses of the zone before a marker, and where the subject part starts."""
        clauses = self._clauses(text, start, end)
        if not clauses:
            return [], start
        if self.lang == "zh":
            # everything up to the last clause ending in 的/时/… is the condition (…X…，…Y…的，应当)
            last = -1
            for i, (a, b) in enumerate(clauses):
                if self._is_condition(text[a:b]) and (i < len(clauses) - 1 or b < end):
                    last = i
            if last >= 0:
                return [(clauses[0][0], clauses[last][1])], (
                    clauses[last + 1][0] if last + 1 < len(clauses) else end
                )
            return [], start
        # en: "Where …, [in particular,] it shall": the condition runs to the last comma before a short subject
        first = text[clauses[0][0] : clauses[0][1]].strip()
        if _starts_with(first, self.rules["condition_start"], "en"):
            if len(clauses) > 1:
                return [(clauses[0][0], clauses[-2][1])], clauses[-1][0]
            # "When they have reasons to consider that … they shall": no comma, a pronoun ends the condition
            m = re.search(r"\s(it|they|he or she|he|she)\s*$", text[start:end])
            if m:
                return [(clauses[0][0], start + m.start())], start + m.start(1)
        return [], start

    def _unblocked(self, spans: list[Span], text: str, marker_start: int | None = None) -> list[Span]:
        blockers = self.rules["blockers"]
        out = []
        for s in spans:
            if marker_start is not None and _ADJACENT.match(text[s.end_char : marker_start]):
                out.append(
                    s
                )  # right before the marker it is the subject (提示使用者可以… / users that they may)
                continue
            before = text[max(0, s.start_char - 24) : s.start_char]
            if self.lang == "en":
                before = re.sub(
                    r"(?:\b(?:the|a|an|any|each|all|its|their|his|her|relevant|other|such|that|those|these|every|one or more|prospective)\s+)+$",
                    "",
                    before.lower(),
                )
                if any(re.search(rf"\b{re.escape(b)}\s*$", before) for b in blockers):
                    continue
            elif any(before.rstrip().endswith(b) for b in blockers):
                continue
            out.append(s)
        return out

    def _coordinated(self, first: Span, rest: list[Span], text: str) -> tuple[str, ...]:
        out, prev = [], first
        for s in rest:
            between = text[prev.end_char : s.start_char].strip().lower()
            between = (
                re.sub(r"\b(?:the|a|an|any|relevant)\b", "", between).strip()
                if self.lang == "en"
                else between
            )
            if between in ("", *self.rules["joiners"]) or re.fullmatch(
                r"(?:,\s*)?(?:and|or|and/or)", between
            ):
                if s.label_ != first.label_ and s.label_ not in out:
                    out.append(s.label_)
                prev = s
            else:
                break
        return tuple(out)

    def subject(
        self, prov: Provision, start: int, end: int, agent: bool = False
    ) -> tuple[str | None, tuple[str, ...]]:
        """The first unblocked role of the clause nearest the marker that names one (有关主管部门…检查，提供者应当);
        for the agent of a passive ("by the notified body") the first role after "by"."""
        roles = [s for s in prov.doc.spans["roles"] if start <= s.start_char and s.end_char <= end]
        if agent:
            return (
                (roles[0].label_, self._coordinated(roles[0], roles[1:], prov.text)) if roles else (None, ())
            )
        roles = self._unblocked(roles, prov.text, end)
        if not roles:
            return None, ()
        if _ADJACENT.match(prov.text[roles[-1].end_char : end]):
            # the role right before the marker, and those coordinated with it before it (…者和技术支持者应当)
            chain = [roles[-1]]
            for r in reversed(roles[:-1]):
                between = prov.text[r.end_char : chain[0].start_char].strip().lower()
                if between in ("", *self.rules["joiners"]) or re.fullmatch(
                    r"(?:,\s*)?(?:and|or|and/or)(?: the)?", between
                ):
                    chain.insert(0, r)
                else:
                    break
            return chain[0].label_, tuple(
                dict.fromkeys(r.label_ for r in chain[1:] if r.label_ != chain[0].label_)
            )
        for a, b in reversed(self._clauses(prov.text, start, end)):
            in_clause = [r for r in roles if a <= r.start_char < b]
            if in_clause:
                first = in_clause[0]
                rest = [r for r in roles if r.start_char > first.start_char]
                return first.label_, self._coordinated(first, rest, prov.text)
        return roles[0].label_, self._coordinated(roles[0], roles[1:], prov.text)

    def implicit(self, zone: str, conditions: list[str] = ()) -> str | None:
        """The role a subject rule names for this subject zone (or, for condition rules, these conditions)."""
        prefix = self.jurisdiction.lower() + ":"
        for rx, role_id, scope, where in subject_rules(self.lang):
            if (scope and self.instrument not in scope) or not role_id.startswith(prefix):
                continue
            if where == "subject" and rx.match(zone.strip(" \t\n，,、；;")):
                return role_id
            if where == "condition" and any(rx.search(c) for c in conditions):
                return role_id
        return None

    def subject_kind(self, zone: str) -> str:
        """ "empty" (nothing, an adverbial or a pronoun: look back) or "thing" (a subject that is not a role)."""
        z = zone.strip(" ,，、;；")
        if not z:
            return "empty"
        for _ in range(3):
            w = _starts_with(z, self.rules["adverbial_start"], self.lang)
            if not w:
                break
            if self.lang == "en" and w in (
                "in",
                "on",
                "at",
                "for",
                "by",
                "with",
                "during",
                "after",
                "before",
                "within",
            ):
                return "empty"  # a prepositional phrase, then the subject was before it or is implied
            z = z[len(w) :].strip(" ,，、")
        if not z:
            return "empty"
        if (self.lang == "en" and z.lower() in self.rules["pronouns"]) or (
            self.lang == "zh" and z in self.rules["pronouns"]
        ):
            return "empty"
        if self.lang == "en" and self.jurisdiction == "CN" and re.match(r"(?:it|they)\s", z, re.IGNORECASE):
            return "empty"  # "It advances …, encourages …": the subject of an earlier sentence
        if self.lang == "zh":
            nouns = "|".join(map(re.escape, self.rules.get("actor_nouns", ())))
            if nouns and re.search(rf"(?:{nouns})(?:$|(?=对|在|依|按照))", z):
                return (
                    "thing"  # 收到举报的部门应当… / …的相关机构和人员对…应当: an actor outside the vocabulary
                )
            return (
                "empty"  # Chinese drops the subject: a verb phrase before 应当 is an activity, not an actor
            )
        return "thing"

    # -- action, conditions, exceptions ---------------------------------------------------------------------------

    def action_parts(self, text: str, start: int, end: int) -> tuple[str, list[str], list[str]]:
        """Action text, inline conditions and exceptions of ``text[start:end]``."""
        conditions, exceptions = [], []
        a_start, a_end = _strip(text, start, end)
        for rx in self.exceptions:
            m = rx.search(text, a_start, a_end)
            if m and m.start(1) > a_start:
                exceptions.append(text[m.start(1) : m.end(1)].strip(" ，,。；;"))
                cut = m.start()
                if cut > a_start + 2:
                    a_end = _strip(text, a_start, cut)[1]
                break
        m = self.inline_cond.search(text, a_start, a_end)
        if m and len(text[a_start : m.start()].split()) >= 2:
            conditions.append(text[m.start() : a_end].strip(" ,;."))
            a_end = _strip(text, a_start, m.start())[1]
        return text[a_start:a_end], conditions, exceptions

    def live_markers(self, prov: Provision) -> list[Span]:
        """The deontic markers of a provision, without those inside a condition (…应当取得许可的，提供者应当…)."""
        text = prov.text
        out: list[Span] = []
        roles = prov.doc.spans["roles"]
        exceptions = [
            (e.start(1), e.end(1))
            for rx in self.exceptions
            for e in rx.finditer(text)
            if "除外" in e.group(0) or "unless" in e.group(0).lower() or "except" in e.group(0).lower()
        ]
        sent_of = {}
        for k, sent in enumerate(prov.doc.sents):
            for t in sent:
                sent_of[t.i] = k
        for m in prov.doc.spans["deontic"]:
            if any(r.start_char < m.end_char and m.start_char < r.end_char for r in roles):
                continue  # a marker inside a role's name
            if any(a <= m.start_char < b for a, b in exceptions):
                continue  # …可以不向个人告知的除外: the marker belongs to the exception
            before = [
                r
                for r in roles
                if r.end_char <= m.start_char and _ADJACENT.match(text[r.end_char : m.start_char])
            ]
            if before and text[
                max(0, before[-1].start_char - 12) : before[-1].start_char
            ].rstrip().lower().endswith(_COMPLEMENT_VERBS):
                continue  # 提示使用者可以… / "remind users that they may": the complement of another duty
            same = [o for o in out if sent_of.get(o.start) == sent_of.get(m.start)]
            if m.kb_id_ in ("zh-enc-zhichi", "zh-per-fangke") and any(o.label_ == "obligation" for o in same):
                continue  # 应当…，支持… / 应当…后，方可…: part of the obligation's action
            if self.lang == "zh":
                nxt = self.sep.search(text, m.end_char)
                end_punct = re.search(r"[。；\n]", text[m.end_char :])
                stop = m.end_char + end_punct.start() if end_punct else len(text)
                clause = text[m.end_char : nxt.start()] if nxt else ""
                prev_sep = max(text.rfind(c, 0, m.start_char) for c in "，,；;。：:") + 1
                if "除" in text[prev_sep : m.start_char] and clause.endswith("外"):
                    continue  # 除应当遵守本法外，还应当…: "besides", the duty is the next clause
                if (
                    nxt
                    and nxt.start() < stop
                    and clause.endswith("的")
                    and not clause.endswith("目的")
                    and nxt.group() in "，,"
                ):
                    continue  # …应当取得许可的，: a condition
            out.append(m)
        return out

    def sentence_exception(self, sentence: str) -> bool:
        return bool(self.exception_sentence.match(sentence.strip()))

    # -- one provision -------------------------------------------------------------------------------------------

    def read(self, prov: Provision, frame: Frame | None, ctx: Context) -> tuple[list[Duty], Frame | None]:
        """Duties of one provision, and the frame it hands to its points (if it is a chapeau)."""
        text = prov.text
        if AMENDING.search(text):
            return [], None
        duties: list[Duty] = []
        markers = self.live_markers(prov)
        own_frame: Frame | None = None
        chapeau_end = prov.wrap_start - 1 if prov.wrap_start is not None else len(text)
        sentences = list(prov.doc.sents)

        if frame is not None and frame.distribute:
            duties.extend(self._distributed(prov, frame, markers))

        prev_sentence_duties: list[Duty] = []
        for sent in sentences:
            s_start, s_end = sent.start_char, sent.end_char
            in_sent = [m for m in markers if s_start <= m.start_char < s_end]
            sentence_text = text[s_start:s_end]
            if not in_sent:
                if prev_sentence_duties and self.sentence_exception(sentence_text):
                    exc = sentence_text.strip(" 。；;.")
                    for d in prev_sentence_duties:
                        duties[duties.index(d)] = replace(d, exceptions=(*d.exceptions, exc))
                    prev_sentence_duties = [
                        replace(d, exceptions=(*d.exceptions, exc)) for d in prev_sentence_duties
                    ]
                continue
            in_wrap = prov.wrap_start is not None and s_start >= prov.wrap_start
            local_frame = own_frame if in_wrap else frame
            new = self._sentence(prov, s_start, s_end, in_sent, local_frame, ctx)
            duties.extend(new)
            prev_sentence_duties = new
            if prov.is_chapeau and s_end >= chapeau_end - 1 and not in_wrap:
                own_frame = self._frame(prov, s_start, s_end, in_sent, new, duties)
        if prov.is_chapeau and own_frame is None:
            bearer, co = self.subject(prov, 0, chapeau_end)
            if bearer is None and frame is not None:
                bearer, co = frame.bearer, frame.co_bearers
            own_frame = Frame(bearer, co, "chapeau", None, "", "", False)
        return duties, own_frame

    def _sentence(
        self,
        prov: Provision,
        s_start: int,
        s_end: int,
        markers: list[Span],
        frame: Frame | None,
        ctx: Context,
    ) -> list[Duty]:
        text = prov.text
        out: list[Duty] = []
        zone_start = s_start
        prev: Duty | None = None
        for i, m in enumerate(markers):
            nxt = markers[i + 1] if i + 1 < len(markers) else None
            if nxt is None:
                action_end = s_end
            else:
                seps = list(self.sep.finditer(text, m.end_char, nxt.start_char))
                action_end = seps[-1].start() if seps else nxt.start_char
                # conditions of the next marker belong to it, not to this action (…机制，发现…的，应当…)
                clauses = self._clauses(text, m.end_char, nxt.start_char)
                for a, b in reversed(clauses[1:]):
                    if self._is_condition(text[a:b]):
                        action_end = _strip(text, m.end_char, a)[1]
                    else:
                        break
                # "Providers shall X and users shall Y": the role before the next marker is its subject
                roles_between = [
                    r
                    for r in prov.doc.spans["roles"]
                    if m.end_char <= r.start_char and r.end_char <= nxt.start_char
                ]
                if roles_between and not seps:
                    last = roles_between[-1]
                    if not text[last.end_char : nxt.start_char].strip(" ,"):
                        action_end = last.start_char
                if not seps:
                    tail = text[m.end_char : action_end]
                    stripped = re.sub(
                        r"(?:\s|,)*(?:\b(?:and also|and|or|but)\b|并且|并|且|也|还|或者)?(?:\s|,)*$", "", tail
                    )
                    action_end = m.end_char + len(stripped)
            conds_zone, subj_start = self.split_zone(text, zone_start, m.start_char)
            conditions = [text[a:b].strip(" ，,") for a, b in conds_zone]
            bearer, co = self.subject(prov, subj_start, m.start_char)
            source = "explicit"
            zone_text = text[subj_start : m.start_char]
            if self.lang == "zh" and text.startswith("由", m.end_char):
                # 并可以由有关主管部门责令…: the agent after the marker bears the duty
                z_bearer, z_co = self.subject(
                    prov, m.end_char + 1, min(action_end, m.end_char + 40), agent=True
                )
                first_after = next((r for r in prov.doc.spans["roles"] if r.start_char >= m.end_char), None)
                if z_bearer and first_after is not None and first_after.start_char == m.end_char + 1:
                    bearer, co = z_bearer, z_co
            passive = self.passive.match(text, m.end_char) if self.lang == "en" else None
            if passive:  # "shall be notified by the notified body": the agent bears the duty
                # the agent follows the participle ("shall be issued by the notified body"), not a later clause
                agent = self.agent.search(text, passive.end(), min(action_end, passive.end() + 30))
                a_bearer, a_co = (
                    self.subject(prov, agent.end(), min(action_end, agent.end() + 60), agent=True)
                    if agent
                    else (None, ())
                )
                if a_bearer:
                    bearer, co = a_bearer, a_co
                elif bearer is not None:
                    # "the individual shall be informed": the named role undergoes the duty, someone else bears it
                    bearer, co = None, ()
                    zone_text = "it"
            if bearer is None and prev is not None and i > 0 and not zone_text.strip(" ,，、;；").strip():
                bearer, co, source = prev.bearer, prev.co_bearers, prev.bearer_source
            elif bearer is None:
                kind = self.subject_kind(zone_text)
                if kind == "empty" and conds_zone:
                    # the subject of the condition, if the condition starts with it (深度合成服务提供者提供…的，应当)
                    c_start = conds_zone[0][0]
                    head = re.match(
                        r"\s*(?:在|对于|如果|若|当|where|if|when|whenever|once|in case)?\s*(?:the|a|an|any)?\s*",
                        text[c_start:],
                        re.IGNORECASE,
                    )
                    c_roles = [
                        r for r in prov.doc.spans["roles"] if c_start <= r.start_char < conds_zone[0][1]
                    ]
                    lead = text[c_start + head.end() : c_roles[0].start_char] if c_roles else None
                    # the role opens the condition, or follows only a modifier (省级以上人民政府有关部门)
                    if lead is not None and (
                        not lead.strip() or re.fullmatch(r"[\u4e00-\u9fff]{0,12}(?:人民政府|以上|级)", lead)
                    ):
                        bearer = c_roles[0].label_
                        co = self._coordinated(c_roles[0], c_roles[1:], text)
                if bearer is None and (
                    implicit := self.implicit(zone_text or text[zone_start : m.start_char], conditions)
                ):
                    bearer, co, source = implicit, (), "implicit"
                if bearer is None and kind == "empty" and not ctx.bearer and frame is None:
                    # "The State gives … It encourages …": the role an earlier sentence of the provision names
                    earlier = self._unblocked(
                        [r for r in prov.doc.spans["roles"] if r.end_char <= zone_start], text
                    )
                    if earlier:
                        bearer, co, source = earlier[0].label_, (), "article"
                if bearer is None:
                    if kind == "thing" and self.lang == "zh":
                        source = (
                            "none"  # 收到举报的部门 with no subject rule: an actor outside the vocabulary
                        )
                    elif frame is not None and frame.bearer:
                        bearer, co, source = frame.bearer, frame.co_bearers, "chapeau"
                    elif ctx.bearer:
                        bearer, co, source = ctx.bearer, ctx.co_bearers, "article"
                    else:
                        source = "none"
            if frame is not None and not frame.distribute and frame.conditions and source == "chapeau":
                conditions = [*frame.conditions, *conditions]
            modality = m.label_
            negated = self.rules.get("negated_subject")
            if (
                negated
                and modality in ("obligation", "permission")
                and (
                    re.match(negated, text[zone_start : m.start_char].strip(), re.IGNORECASE)
                    or re.match(negated, text[subj_start : m.start_char].strip(), re.IGNORECASE)
                    or re.match(
                        negated, re.split(r"[,;]", text[zone_start : m.start_char])[-1].strip(), re.IGNORECASE
                    )
                )
            ):
                modality = "prohibition"  # "No organisation or individual shall / may …"
            if modality == "encouragement":
                # 鼓励相关行业组织… / "encourages industry organisations to …": the party encouraged
                after = next(
                    (r for r in prov.doc.spans["roles"] if m.end_char <= r.start_char < action_end), None
                )
                lead = text[m.end_char : after.start_char].strip().lower() if after else None
                if after is not None and lead in (
                    "",
                    "相关",
                    "有关",
                    "the",
                    "relevant",
                    "the relevant",
                    "all",
                ):
                    bearer, co, source = after.label_, (), "explicit"
            action, inline_conds, exceptions = self.action_parts(text, m.end_char, action_end)
            if (
                not action.strip()
            ):  # 对其行为负责 / "… as the case requires, shall": the clause up to the marker
                seps = list(self.sep.finditer(text, zone_start, m.start_char))
                c_start = seps[-1].end() if seps else zone_start
                action = text[c_start : m.end_char].strip()
            conditions.extend(inline_conds)
            ev_start, ev_end = _strip(text, m.start_char, action_end)
            duty = Duty(
                modality=modality,
                bearer=bearer,
                action=action,
                evidence=Evidence(
                    self.instrument,
                    prov.eid,
                    self.lang,
                    ev_start,
                    ev_end,
                    text[ev_start:ev_end],
                    rule=m.kb_id_,
                ),
                marker=m.text,
                bearer_source=source if bearer else "none",
                conditions=tuple(c for c in conditions if c),
                exceptions=tuple(exceptions),
                co_bearers=co,
            )
            out.append(duty)
            prev = duty
            if bearer and source in ("explicit", "implicit"):
                ctx.bearer, ctx.co_bearers = bearer, co
            zone_start = action_end
        return out

    def _frame(
        self,
        prov: Provision,
        s_start: int,
        s_end: int,
        markers: list[Span],
        new: list[Duty],
        duties: list[Duty],
    ) -> Frame:
        """Does the chapeau's last marker govern the list of points? Drop its own duty if it only introduces it."""
        text = prov.text
        m = markers[-1]
        duty = new[-1]
        hay = text if self.lang == "zh" else text.lower()

        def intros(a: int, b: int) -> list[int]:
            found = []
            for w in self.rules["list_intro"]:
                i = hay.find(w, a, b)
                while i >= 0:
                    if not hay.startswith(("以下简称", "以下称"), i):  # （以下称提供者） names, does not list
                        found.append(i)
                    i = hay.find(w, i + 1, b)
            return found

        intro = intros(s_start, s_end)
        conds_zone, _ = self.split_zone(text, s_start, m.start_char)
        inside_condition = any(a <= i < b for i in intro for a, b in conds_zone)
        # 有下列情形之一的，…应当…；…的，个人可以…：  the list belongs to a condition of an earlier sentence
        for sent in prov.doc.sents:
            if sent.start_char >= s_start:
                break
            first = [d for d in prov.doc.spans["deontic"] if sent.start_char <= d.start_char < sent.end_char]
            if first:
                zones, _ = self.split_zone(text, sent.start_char, first[0].start_char)
                early = intros(sent.start_char, sent.end_char)
                inside_condition = inside_condition or any(a <= i < b for i in early for a, b in zones)
        after_marker = [i for i in intro if i >= m.end_char]
        inline = self.inline_cond.search(text, m.end_char, s_end)
        if inline and (
            (after_marker and all(i > inline.start() for i in after_marker))
            or len(text[inline.end() : s_end].split()) >= 3
        ):
            inside_condition = (
                True  # "shall inform … where any of the following applies:" / "where it suspects that:"
            )
        if _ALTERNATIVES.search(text, s_start, s_end):
            inside_condition = (
                True  # 应当具备下列条件之一 / "any of the following": one duty, the points are options
            )
        distribute = not inside_condition
        if distribute:
            # the chapeau's own duty is only what its action says before introducing the list
            residual = []
            clauses = self._clauses(text, m.end_char, s_end)
            intro_in_action = any(m.end_char <= i for i in intro)
            if any(s_start <= i < m.start_char for i in intro) and not intro_in_action:
                clauses = []  # "The following practices shall be prohibited:": the list is the duty
            elif not intro_in_action and clauses:
                while clauses and _starts_with(
                    text[clauses[-1][0] : clauses[-1][1]].strip(), _RESIDUAL_ADVERBIALS, self.lang
                ):
                    clauses = clauses[:-1]  # "shall provide, at a minimum:"
                clauses = clauses[:-1]  # "Providers shall ensure that:": the last clause introduces the list
            for a, b in clauses:
                clause = text[a:b].strip()
                if len(clause.split()) < 3 if self.lang == "en" else len(clause) < 3:
                    continue  # "truthfully," is not a duty of its own
                if any(
                    w in (clause if self.lang == "zh" else clause.lower()) for w in self.rules["list_intro"]
                ):
                    break
                if _starts_with(clause, _RESIDUAL_ADVERBIALS, self.lang):
                    continue
                residual.append(re.sub(r"^(?:并且|并|且|and|also)\s*", "", clause))
            if residual:
                duties[duties.index(duty)] = replace(
                    duty, action=("，" if self.lang == "zh" else ", ").join(residual)
                )
            else:
                duties.remove(duty)
        return Frame(
            duty.bearer,
            duty.co_bearers,
            duty.bearer_source,
            duty.modality,
            duty.marker,
            duty.evidence.rule,
            distribute,
            duty.conditions,
        )

    def _distributed(self, prov: Provision, frame: Frame, markers: list[Span]) -> list[Duty]:
        """The duty a governing chapeau imposes through this point: the point's text up to its own first marker."""
        text = prov.text
        end = len(text) if prov.wrap_start is None else prov.wrap_start - 1
        if markers:
            first = markers[0]
            seps = list(self.sep.finditer(text, 0, first.start_char))
            end = seps[-1].start() if seps else first.start_char
            # a point that starts with its own subject or marker adds nothing of the chapeau's
            bearer, _ = self.subject(prov, 0, first.start_char)
            if bearer is not None and not seps:
                return []
            conds, subj_start = self.split_zone(text, 0, first.start_char)
            rest = text[subj_start : first.start_char].strip(" ，,、[]()（）")
            names = {
                r.text.lower()
                for r in prov.doc.spans["roles"]
                if subj_start <= r.start_char < first.start_char
            }
            if conds and (not rest or rest.lower() in self.rules["pronouns"] or rest.lower() in names):
                return []  # 涉及知识产权的，不得… / "Where … are involved, they shall not …": a condition, no action
        a, b = _strip(text, 0, end)
        if b - a < 2:
            return []
        action, conds, exceptions = self.action_parts(text, a, b)
        zone_conds, _ = self.split_zone(text, a, b) if self.lang == "zh" else ([], a)
        conditions = (*frame.conditions, *(text[x:y].strip(" ，,") for x, y in zone_conds), *conds)
        return [
            Duty(
                modality=frame.modality or "obligation",
                bearer=frame.bearer,
                action=action,
                evidence=Evidence(
                    self.instrument, prov.eid, self.lang, a, b, text[a:b], rule=f"chapeau:{frame.rule}"
                ),
                marker=frame.marker,
                bearer_source="chapeau" if frame.bearer else "none",
                conditions=tuple(c for c in conditions if c),
                exceptions=tuple(exceptions),
                co_bearers=frame.co_bearers,
            )
        ]


def unit_duties(unit: Unit, instrument: str, jurisdiction: str, lang: str) -> list[Duty]:
    """Every duty of one article (annex) in one language, in document order."""
    if unit.node.kind == "item":
        return []  # an amendment item quotes the text it inserts; the consolidated version carries its duties
    reader = DutyReader(instrument, jurisdiction, lang)
    ctx = Context()
    frames: dict[int, Frame | None] = {}
    out: list[Duty] = []
    amending: set[int] = set()
    for prov in unit.provisions:
        if AMENDING.search(prov.text) or (prov.parent is not None and id(prov.parent) in amending):
            amending.add(id(prov))  # "Regulation (EU) … is amended as follows:" quotes another act's duties
            continue
        frame = frames.get(id(prov.parent)) if prov.parent is not None else None
        duties, own = reader.read(prov, frame, ctx)
        frames[id(prov)] = own
        out.extend(duties)
    return out
