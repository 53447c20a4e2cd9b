"""Bar charts as geometry for inline SVG in templates (no script, no inline styles): the report statistics
and the admin's 工作台 draw with this one function. Every chart is shown with its data table beside it."""

CHART_W, CHART_H, CHART_PAD = 640, 200, 28


def bar_chart(groups: list[dict], *, series: list[str], peak: float | None = None, target: float | None = None):
    """`groups`: [{"label": "11月", "values": {series_key: value or None}, "titles": {series_key: "…"},
    "classes": {series_key: "extra-css-class"}}], drawn left to right in the order given (never sorted).
    `target` draws a horizontal line (e.g. the yearly study-hours target)."""
    peak = max([v or 0 for g in groups for v in g["values"].values()] + [target or 0, peak or 0, 1])
    group = CHART_W / max(len(groups), 1)
    bar = group * 0.8 / len(series)
    scale = (CHART_H - CHART_PAD) / peak
    bars, labels = [], []
    for i, g in enumerate(groups):
        labels.append({"x": round(i * group + group / 2, 1), "text": g["label"]})
        for j, key in enumerate(series):
            value = g["values"].get(key)
            if value is None:
                continue
            height = max(1.0, scale * value)
            bars.append(
                {
                    "x": round(i * group + group * 0.1 + j * bar, 1),
                    "y": round(CHART_H - CHART_PAD - height, 1),
                    "w": round(bar - 1, 1),
                    "h": round(height, 1),
                    "series": key,
                    "css": g.get("classes", {}).get(key, ""),
                    "title": g.get("titles", {}).get(key, f"{g['label']}：{value}"),
                }
            )
    return {
        "width": CHART_W,
        "height": CHART_H,
        "baseline": CHART_H - CHART_PAD,
        "label_y": CHART_H - 8,
        "peak": round(peak, 1),
        "bars": bars,
        "labels": labels,
        "target_y": round(CHART_H - CHART_PAD - scale * target, 1) if target else None,
    }
