"""One self-contained HTML page for editors: inline CSS and a little inline JS, no network.

Everything from an article passes through `html.escape` here, on the server side; the script
only shows and hides cards, so an article containing `<script>` or `onerror=` shows as text.
"""

from __future__ import annotations

import html
from collections import defaultdict

from factcheck import __version__
from factcheck.ledger import Reviewed
from factcheck.model import Claim, GroupVerdict, RunResult, Source, Status

STATUS_LABELS = {
    "conflict": "Conflict",
    "stale": "Stale decision",
    "resolved": "Resolved",
    "accepted": "Accepted",
    "dismissed": "Dismissed",
    "consistent": "Consistent",
    "single_source": "Single-source",
}

CSS = """
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:20px}header p{margin:0;color:#c8cdd8}
main{max-width:1100px;margin:0 auto;padding:16px 24px}
.bar{display:flex;gap:8px;flex-wrap:wrap;margin:12px 0}.pill{padding:4px 10px;border-radius:999px;background:#e4e7ee;font-weight:600}
.pill.conflict,.pill.stale{background:#fde2e1;color:#9b1c1c}.pill.consistent{background:#e1f5e8;color:#1e6b3a}
.pill.resolved,.pill.accepted,.pill.dismissed{background:#e6ecfb;color:#2b4a9b}
.filters{display:flex;gap:12px;flex-wrap:wrap;align-items:center;margin:12px 0;padding:10px;background:#fff;border-radius:8px}
.filters label{font-size:13px;color:#555}select{font:inherit;padding:2px 6px}
.card{background:#fff;border-radius:8px;border-left:6px solid #c4c9d4;padding:12px 16px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.card.conflict,.card.stale{border-left-color:#d64545}.card.consistent{border-left-color:#3c9d5d}
.card.resolved,.card.accepted,.card.dismissed{border-left-color:#4d6fd1}.card:target{outline:3px solid #f2b705}
.card h3{margin:0 0 6px;font-size:16px}.meta{color:#667;font-size:13px}
.values{display:flex;gap:10px;flex-wrap:wrap;margin:8px 0}.value{border:1px solid #d9dde5;border-radius:6px;padding:6px 10px;min-width:140px}
.value b{font-size:17px}.value .src{font-size:12px;color:#556}.consensus{color:#1e6b3a;font-weight:600}
ul.ev{margin:6px 0;padding-left:18px}ul.ev li{margin:3px 0}mark{background:#fff0a6;padding:0 2px;border-radius:3px}
.explain{font-style:italic;color:#444}.decision{margin-top:6px;padding:6px 8px;background:#eef2fd;border-radius:6px;font-size:13px}
.decision.stale{background:#fde2e1}
section.source{background:#fff;border-radius:8px;padding:12px 16px;margin:12px 0}
.article{white-space:pre-wrap;font-family:Georgia,serif;line-height:1.6;max-height:520px;overflow:auto;border-top:1px solid #eee;padding-top:8px}
.article mark{cursor:pointer}.article mark.conflict,.article mark.stale{background:#ffc9c5}.article mark.consistent{background:#c9efd5}
.hidden{display:none}nav a{color:#c8cdd8;margin-right:14px}
"""

SCRIPT = """
(function(){
  var cards=[].slice.call(document.querySelectorAll('.card'));
  function apply(){
    var st=document.getElementById('f-status').value,kd=document.getElementById('f-kind').value,
        sr=document.getElementById('f-source').value,shown=0;
    cards.forEach(function(c){
      var ok=(st==='all'||c.dataset.status===st||(st==='open'&&(c.dataset.status==='conflict'||c.dataset.status==='stale')))
        &&(kd==='all'||c.dataset.kind===kd)&&(sr==='all'||(' '+c.dataset.sources+' ').indexOf(' '+sr+' ')>=0);
      c.classList.toggle('hidden',!ok); if(ok){shown++;}
    });
    document.getElementById('shown').textContent=shown;
  }
  ['f-status','f-kind','f-source'].forEach(function(id){document.getElementById(id).addEventListener('change',apply);});
  document.querySelectorAll('.article mark').forEach(function(m){
    m.addEventListener('click',function(){
      document.getElementById('f-status').value='all';document.getElementById('f-kind').value='all';
      document.getElementById('f-source').value='all';apply();location.hash=m.dataset.group;
    });
  });
  apply();
})();
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _status(verdict: GroupVerdict, item: Reviewed | None) -> str:
    if verdict.status is not Status.CONFLICT or item is None or item.decision is None:
        return verdict.status.value
    if item.open:
        return "stale"
    return item.decision.action.past


def _highlight(sentence: str, surface: str) -> str:
    at = sentence.find(" ".join(surface.split()))
    if at < 0:
        return _e(sentence)
    end = at + len(" ".join(surface.split()))
    return f"{_e(sentence[:at])}<mark>{_e(sentence[at:end])}</mark>{_e(sentence[end:])}"


def _card(verdict: GroupVerdict, status: str, item: Reviewed | None, claims: dict[str, Claim]) -> str:
    group = verdict.group
    sources = sorted({s for v in verdict.values for s in v.source_ids})
    values = "".join(
        f'<div class="value"><b>{_e(v.value.text)}</b>'
        f"{' <span class=consensus>✓ consensus</span>' if verdict.consensus == v.value.text else ''}"
        f'<div class="src">{_e(", ".join(v.source_ids))} · {v.independent_sources} independent</div></div>'
        for v in verdict.values
    )
    evidence = "".join(
        f"<li><b>{_e(claims[cid].source_id)}</b>: {_highlight(claims[cid].sentence, claims[cid].text)}</li>"
        for v in verdict.values
        for cid in v.claim_ids
    )
    decision = ""
    if item is not None and item.decision is not None:
        d = item.decision
        chosen = f" → {_e(d.value)}" if d.value else ""
        note = " — stale: the evidence changed since; decide again" if item.open else ""
        decision = (
            f'<div class="decision{" stale" if item.open else ""}">Decision: {_e(d.action.value)}{chosen} '
            f"by {_e(d.by)} on {_e(d.decided_on)}: {_e(d.note)}{note}</div>"
        )
    severity = f" · {_e(verdict.severity)}" if verdict.severity else ""
    severity += f" · confidence {group.confidence:.2f}"
    return (
        f'<article class="card {status}" id="{_e(group.id)}" data-status="{status}" data-kind="{_e(group.kind.value)}" '
        f'data-sources="{_e(" ".join(sources))}">'
        f"<h3>{_e(group.subject or 'unknown subject')} · {_e(group.attribute)}</h3>"
        f'<div class="meta">{_e(STATUS_LABELS.get(status, status))}{severity} · {_e(group.kind.value)} · '
        f"<code>{_e(group.id)}</code></div>"
        f'<div class="values">{values}</div><ul class="ev">{evidence}</ul>'
        f'<div class="explain">{_e(verdict.explanation)}</div>{decision}</article>'
    )


def _article(source: Source, claims: list[Claim], group_of: dict[str, tuple[str, str, str]]) -> str:
    """The article text with every extracted claim marked; hover names its group, click opens it."""
    cursor = len(source.text) - len(source.text.lstrip())  # front matter is blanked, not removed
    pieces = []
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        if claim.start < cursor:
            continue
        group_id, status, label = group_of.get(claim.id, ("", "", ""))
        pieces.append(_e(source.text[cursor : claim.start]))
        pieces.append(
            f'<mark class="{status}" data-group="{_e(group_id)}" title="{_e(label)}">'
            f"{_e(source.text[claim.start : claim.end])}</mark>"
        )
        cursor = claim.end
    pieces.append(_e(source.text[cursor:]))
    heading = _e(source.title or source.id)
    published = source.published.isoformat() if source.published else "date unknown"
    meta = " · ".join(
        _e(part) for part in (source.id, source.site, published, source.path, f"{len(claims)} claims") if part
    )
    return (
        f'<section class="source" id="source-{_e(source.id)}"><h3>{heading}</h3>'
        f'<div class="meta">{meta}</div><div class="article">{"".join(pieces)}</div></section>'
    )


def to_html(result: RunResult, reviewed: tuple[Reviewed, ...] = ()) -> str:
    by_id = {r.verdict.group.id: r for r in reviewed}
    claims = {c.id: c for c in result.claims}
    status_of = {v.group.id: _status(v, by_id.get(v.group.id)) for v in result.verdicts}
    order = {
        "conflict": 0,
        "stale": 0,
        "resolved": 1,
        "accepted": 1,
        "dismissed": 1,
        "consistent": 2,
        "single_source": 3,
    }
    severities = {"hard": 0, "explainable": 1, "soft": 2}
    verdicts = sorted(
        result.verdicts,
        key=lambda v: (
            order[status_of[v.group.id]],
            severities.get(v.severity, 3),
            -v.group.confidence,
            v.group.subject.lower(),
            v.group.id,
        ),
    )
    counts: dict[str, int] = defaultdict(int)
    for status in status_of.values():
        counts[status] += 1
    group_of = {
        cid: (v.group.id, status_of[v.group.id], f"{v.group.subject} · {v.group.attribute} ({status_of[v.group.id]})")
        for v in result.verdicts
        for cid in v.group.claim_ids
    }
    pills = "".join(
        f'<span class="pill {s}">{counts[s]} {_e(STATUS_LABELS[s])}</span>' for s in STATUS_LABELS if counts.get(s)
    )
    kinds = sorted({v.group.kind.value for v in result.verdicts})
    options = lambda values: "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in values)  # noqa: E731
    status_options = '<option value="open">open conflicts</option><option value="all">everything</option>' + "".join(
        f'<option value="{s}">{_e(label)}</option>' for s, label in STATUS_LABELS.items()
    )
    by_source: dict[str, list[Claim]] = defaultdict(list)
    for claim in result.claims:
        by_source[claim.source_id].append(claim)
    source_list = "".join(
        f'<li><a href="#source-{_e(s.id)}">{_e(s.title or s.id)}</a> — {_e(s.id)}'
        f"{' · ' + _e(s.published.isoformat()) if s.published else ''}</li>"
        for s in result.sources
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>factcheck report</title><style>{CSS}</style></head>
<body><header><h1>factcheck report</h1><p>{len(result.sources)} sources · {len(result.claims)} claims ·
{len(result.verdicts)} groups · model {_e(result.model)} · factcheck {__version__}</p>
<nav><a href="#conflicts">Groups</a><a href="#sources">Sources</a></nav></header>
<main><div class="bar" id="summary">{pills}</div>
<div class="filters" id="conflicts"><label>Status <select id="f-status">{status_options}</select></label>
<label>Kind <select id="f-kind"><option value="all">all</option>{options(kinds)}</select></label>
<label>Source <select id="f-source"><option value="all">all</option>{options(s.id for s in result.sources)}</select></label>
<span class="meta"><span id="shown">0</span> shown</span></div>
{"".join(_card(v, status_of[v.group.id], by_id.get(v.group.id), claims) for v in verdicts)}
<h2 id="sources">Sources</h2><ul>{source_list}</ul>
{"".join(_article(s, by_source.get(s.id, []), group_of) for s in result.sources)}
</main><script>{SCRIPT}</script></body></html>
"""
