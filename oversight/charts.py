"""Trend lines drawn on the server as SVG (pygal), served as an image from an admin URL.

An <img> keeps the chart out of the page's Content-Security-Policy: nothing in it can run, and its
own style sheet stays inside the image. pygal's configuration script, useless there, is removed all
the same. The chart is readable without colour: one line with its points labelled by value, the
dates along the axis, and the same figures in the dashboard's table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import pygal
from lxml import etree
from pygal.style import Style

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#222",
    foreground_strong="#000",
    foreground_subtle="#888",
    colors=("#1d4f91",),
    font_family="'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
    value_font_size=11,
    label_font_size=11,
    title_font_size=14,
)


def trend_svg(title: str, points: Sequence[tuple[date, Decimal]], small: bool = False) -> bytes:
    """The score by day; `small` is the dashboard table's version: no title or value labels, the
    first and last day and the 0/50/100 lines only, big enough to read at its size."""
    if small:
        options = {
            "width": 320,
            "height": 110,
            "print_values": False,
            "title": None,
            "y_labels": [0, 50, 100],
        }
    else:
        options = {"width": 640, "height": 260, "print_values": len(points) <= 31, "title": title}
    chart = pygal.Line(
        js=[],
        disable_xml_declaration=True,
        style=STYLE,
        show_legend=False,
        range=(0, 130),
        x_label_rotation=30,
        show_minor_x_labels=False,
        x_labels_major_every=max(1, len(points) // 7),
        tooltip_border_radius=0,
        **options,
    )
    chart.x_labels = [day.strftime("%m-%d") for day, _score in points]
    if small and points:
        chart.x_labels_major = [points[0][0].strftime("%m-%d"), points[-1][0].strftime("%m-%d")]
        chart.x_labels_major_every = None
    chart.add(title, [float(score) for _day, score in points])
    tree = chart.render_tree()
    for script in [e for e in tree.iter() if isinstance(e.tag, str) and etree.QName(e).localname == "script"]:
        script.getparent().remove(script)
    return etree.tostring(tree, encoding="utf-8")
