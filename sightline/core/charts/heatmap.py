"""The risk heat map: likelihood by impact, 5 x 5, with each cell's count of risks at their
initial position (before the existing controls) and at their residual position (with them).

A register that gives a risk only its scores, and no likelihood or impact, cannot place it on
the grid without inventing one: such risks are counted on a strip of scores from 1 to 25
instead, and a risk rated by RAG alone is counted in words. Colour is never the only cue:
each cell prints its score and band ("12 High"), and every count is a word and a number
("Initial 2", "Residual 3") beside a hollow (initial) or a filled (residual) marker.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString

from sightline.core.charts.frame import _join, _svg
from sightline.core.charts.style import LIGHT_GREY, PAD, SMALL_FONT_SIZE, WHITE, _uid
from sightline.core.charts.text import TEXT, _check_int, _esc, _n, _text

SIZE = 5  # likelihood and impact each from 1 to 5
MAX_SCORE = SIZE * SIZE

# (lowest score, highest score, band, fill): light tints, so black text on them stays legible.
BANDS: tuple[tuple[int, int, str, str], ...] = (
    (1, 3, "Low", "#cce2d8"),
    (4, 7, "Moderate", "#fff7bf"),
    (8, 14, "High", "#fcd6c3"),
    (15, 25, "Extreme", "#f4cdc6"),
)


@dataclass(frozen=True)
class HeatRisk:
    """One risk for the map: its label (its number), and where it stands before and after its
    controls as (likelihood, impact), or only as a score when the register gives no more."""

    label: str
    initial: tuple[int, int] | None = None
    residual: tuple[int, int] | None = None
    initial_score: int | None = None
    residual_score: int | None = None

    def score(self, stage: str) -> int | None:
        position = getattr(self, stage)
        if position is not None:
            return position[0] * position[1]
        return getattr(self, f"{stage}_score")


def band(score: int) -> tuple[str, str]:
    """A score's band and fill: ``band(12) == ("High", "#fcd6c3")``."""
    for low, high, name, fill in BANDS:
        if low <= score <= high:
            return name, fill
    raise ValueError(f"a risk score is from 1 to {MAX_SCORE}, not {score}")


def _check(risk: HeatRisk) -> None:
    for stage in ("initial", "residual"):
        position = getattr(risk, stage)
        if position is not None:
            for value in position:
                _check_int(value)
                if not 1 <= value <= SIZE:
                    raise ValueError(f"likelihood and impact are from 1 to {SIZE}, not {value}")
        score = getattr(risk, f"{stage}_score")
        if score is not None:
            _check_int(score)
            band(score)


def _numbers(labels: list[str]) -> str:
    return ", ".join(labels)


def _risks(count: int) -> str:
    return f"{count} risk" if count == 1 else f"{count} risks"


def _placed(risks: Sequence[HeatRisk]):
    """Risks by grid cell and stage: {(likelihood, impact): {"initial": [labels], ...}}."""
    cells: dict[tuple[int, int], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for risk in risks:
        for stage in ("initial", "residual"):
            position = getattr(risk, stage)
            if position is not None:
                cells[position][stage].append(risk.label)
    return cells


def _scored_only(risks: Sequence[HeatRisk]):
    """Risks given a score without its likelihood and impact, by score and stage."""
    scores: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for risk in risks:
        for stage in ("initial", "residual"):
            score = getattr(risk, f"{stage}_score")
            if getattr(risk, stage) is None and score is not None:
                scores[score][stage].append(risk.label)
    return scores


def _words(cells, scores, unrated: list[str]) -> str:
    parts = []
    for (likelihood, impact), stages in sorted(cells.items(), reverse=True):
        score = likelihood * impact
        counts = [
            f"{stage} {len(labels)} ({_numbers(labels)})"
            for stage, labels in sorted(stages.items())
        ]
        parts.append(
            f"Likelihood {likelihood}, impact {impact}, score {score} "
            f"({band(score)[0].lower()}): {'; '.join(counts)}."
        )
    if not cells:
        parts.append("No risk gives a likelihood and an impact, so none is on the grid.")
    if scores:
        shown = []
        for score, stages in sorted(scores.items(), reverse=True):
            counts = [
                f"{stage} {len(labels)} ({_numbers(labels)})"
                for stage, labels in sorted(stages.items())
            ]
            shown.append(f"score {score} ({band(score)[0].lower()}): {'; '.join(counts)}")
        parts.append("Scored without likelihood and impact: " + "; ".join(shown) + ".")
    if unrated:
        parts.append(
            f"Rated by RAG alone, with no scores: {_risks(len(unrated))} ({_numbers(unrated)})."
        )
    return " ".join(parts)


def _marker(x: float, y: float, stage: str) -> str:
    """A hollow circle (initial) or a filled one (residual)."""
    fill = WHITE if stage == "initial" else TEXT
    return (
        f'<circle class="sl-marker sl-marker-{stage}" cx="{_n(x)}" cy="{_n(y)}" r="4.5"'
        f' fill="{fill}" stroke="{TEXT}" stroke-width="1.5"/>'
    )


def _legend_line(x: float, y: float) -> list[str]:
    return [
        _marker(x + 5, y - 4, "initial"),
        _text(x + 14, y, "Initial: before the existing controls", cls="sl-legend"),
        _marker(x + 255, y - 4, "residual"),
        _text(x + 264, y, "Residual: with the controls in place", cls="sl-legend"),
    ]


def _grid(cells, left: float, top: float, cell_w: float, cell_h: float) -> list[str]:
    body = []
    for likelihood in range(SIZE, 0, -1):
        y = top + (SIZE - likelihood) * cell_h
        for impact in range(1, SIZE + 1):
            x = left + (impact - 1) * cell_w
            score = likelihood * impact
            name, fill = band(score)
            stages = cells.get((likelihood, impact), {})
            title = f"Likelihood {likelihood}, impact {impact}: score {score}, {name.lower()}"
            body.append(
                f'<rect class="sl-cell" x="{_n(x)}" y="{_n(y)}" width="{_n(cell_w)}"'
                f' height="{_n(cell_h)}" fill="{fill}" stroke="{WHITE}" stroke-width="2">'
                f"<title>{_esc(title)}</title></rect>"
            )
            body.append(
                _text(x + 6, y + 14, f"{score} {name}", cls="sl-band", size=SMALL_FONT_SIZE - 1)
            )
            line = y + 34
            for stage in ("initial", "residual"):
                labels = stages.get(stage, [])
                if labels:
                    body.append(_marker(x + 11, line - 4, stage))
                    body.append(
                        _text(x + 20, line, f"{stage.capitalize()} {len(labels)}",
                              cls=f"sl-count sl-count-{stage}", bold=True,
                              full=f"Risks {_numbers(labels)}")
                    )  # fmt: skip
                    line += 17
    return body


def _axes(left: float, top: float, cell_w: float, cell_h: float) -> list[str]:
    body = []
    bottom = top + SIZE * cell_h
    for n in range(1, SIZE + 1):
        body.append(
            _text(left + (n - 0.5) * cell_w, bottom + 15, str(n), cls="sl-tick", anchor="middle")
        )
        body.append(
            _text(left - 8, top + (SIZE - n + 0.5) * cell_h + 4, str(n), cls="sl-tick",
                  anchor="end")
        )  # fmt: skip
    body.append(
        _text(left + SIZE * cell_w / 2, bottom + 33, "Impact: 1 (lowest) to 5 (highest)",
              cls="sl-axis", anchor="middle", bold=True)
    )  # fmt: skip
    middle = top + SIZE * cell_h / 2
    body.append(
        _text(PAD + 12, middle, "Likelihood: 1 (lowest) to 5 (highest)", cls="sl-axis",
              anchor="middle", bold=True, rotate=-90)
    )  # fmt: skip
    return body


def _strip(scores, left: float, top: float, right: float, count: int) -> tuple[list[str], float]:
    """Risks given only scores: a row of 25 scores for initial and one for residual."""
    body = [
        _text(PAD, top + 14, f"Scored without a likelihood and an impact ({_risks(count)}): "
              "counted by score, as the register gives them", cls="sl-heading", bold=True)
    ]  # fmt: skip
    top += 26
    width = (right - left) / MAX_SCORE
    row_h = 30
    for row, stage in enumerate(("initial", "residual")):
        y = top + row * row_h
        body.append(_marker(PAD + 6, y + row_h / 2, stage))
        body.append(_text(PAD + 15, y + row_h / 2 + 4, stage.capitalize(), cls="sl-legend"))
        for score in range(1, MAX_SCORE + 1):
            x = left + (score - 1) * width
            name, fill = band(score)
            labels = scores.get(score, {}).get(stage, [])
            title = f"Score {score} ({name.lower()}), {stage}: " + (
                f"risks {_numbers(labels)}" if labels else "none"
            )
            body.append(
                f'<rect class="sl-strip-cell" x="{_n(x)}" y="{_n(y)}" width="{_n(width)}"'
                f' height="{_n(row_h)}" fill="{fill}" stroke="{WHITE}" stroke-width="1.5">'
                f"<title>{_esc(title)}</title></rect>"
            )
            if labels:
                body.append(
                    _text(x + width / 2, y + row_h / 2 + 5, str(len(labels)),
                          cls=f"sl-count sl-count-{stage}", size=14, anchor="middle", bold=True)
                )  # fmt: skip
    axis = top + 2 * row_h
    for score in range(1, MAX_SCORE + 1):
        body.append(
            _text(left + (score - 0.5) * width, axis + 13, str(score), cls="sl-tick",
                  size=SMALL_FONT_SIZE - 2, anchor="middle")
        )  # fmt: skip
    for low, high, name, _fill in BANDS:
        x1, x2 = left + (low - 1) * width + 2, left + high * width - 2
        y = axis + 20
        body.append(
            f'<path class="sl-band-bracket" d="M{_n(x1)},{_n(y)} V{_n(y + 4)} H{_n(x2)}'
            f' V{_n(y)}" fill="none" stroke="{TEXT}" stroke-width="1"/>'
        )
        body.append(
            _text((x1 + x2) / 2, y + 17, f"{name} {low}–{high}", cls="sl-band",
                  size=SMALL_FONT_SIZE - 1, anchor="middle")
        )  # fmt: skip
    body.append(
        _text(left + (right - left) / 2, axis + 54, "Score (likelihood x impact), 1 to 25",
              cls="sl-axis", anchor="middle", bold=True)
    )  # fmt: skip
    return body, axis + 62 - (top - 26)


def risk_heat_map(
    *,
    title: str,
    risks: Sequence[HeatRisk],
    width: int = 720,
    description: str = "",
) -> SafeString:
    """The heat map of ``risks``: a 5 x 5 grid of likelihood (up) by impact (across), each
    cell with its score and band and the number of risks at their initial and at their
    residual position; below it, when some risks give only scores, a strip of scores 1 to 25
    counting them; risks with no score at all are counted in a closing line."""
    for risk in risks:
        _check(risk)
    cells = _placed(risks)
    scores = _scored_only(risks)
    only_scored = sum(
        1
        for r in risks
        if (r.initial is None and r.initial_score is not None)
        or (r.residual is None and r.residual_score is not None)
    )
    unrated = [r.label for r in risks if r.score("initial") is None and r.score("residual") is None]
    uid = _uid("heatmap", title, [tuple(vars(r).values()) for r in risks], width, description)
    desc = _join(description, _words(cells, scores, unrated))

    left = PAD + 46
    right = width - PAD
    top = PAD + 26
    cell_w = (right - left) / SIZE
    cell_h = 78 if cells else 52  # an empty grid is kept, smaller: the strip holds the risks
    body = _legend_line(left, PAD + 10)
    body += _grid(cells, left, top, cell_w, cell_h)
    if not cells:
        message = "No risk here gives a likelihood and an impact: see the scores below"
        middle_y = top + SIZE * cell_h / 2
        # Below the middle row's score labels, so none of them is hidden.
        body.append(
            f'<rect x="{_n(left + cell_w * 0.5)}" y="{_n(middle_y - 2)}"'
            f' width="{_n(cell_w * 4)}" height="24" rx="3" fill="{WHITE}" stroke="{LIGHT_GREY}"/>'
        )
        body.append(_text(left + SIZE * cell_w / 2, middle_y + 14, message, cls="sl-empty",
                          anchor="middle", bold=True))  # fmt: skip
    body += _axes(left, top, cell_w, cell_h)
    height = top + SIZE * cell_h + 42
    if scores:
        strip, strip_height = _strip(scores, PAD + 78, height + 8, right, only_scored)
        body += strip
        height += 8 + strip_height
    if unrated:
        height += 6
        body.append(
            _text(PAD, height + 12, f"Rated by RAG alone, with no scores, so not on the map: "
                  f"{_risks(len(unrated))}.", cls="sl-note")
        )  # fmt: skip
        height += 20
    return _svg(uid, "heatmap", title, desc, width, height + PAD, [], body)
