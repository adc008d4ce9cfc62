"""The blocks an interpretation is written in: questions and answers, text, pictures, charts,
captioned video and cases (seed 三(二)3: 简明问答、案例说明、图表图解、视频动漫).

Video is a file from the unit's document library (MP4 or WebM) with a WebVTT captions file, played
by the browser's own <video> element: no player script, nothing outside the site. Files in the
library are public only while a live public page uses them (disclosure/access.py), so a video in a
draft is not reachable from outside.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
VIDEO_EXTENSIONS = ("mp4", "webm")
CAPTION_EXTENSIONS = ("vtt",)

# Chart geometry, in SVG user units (the bars themselves are sized in percent of the width).
CHART_ROW_HEIGHT = 34
CHART_BAR_HEIGHT = 22
CHART_LABEL_WIDTH = 30  # percent of the width kept for the row labels
CHART_BAR_SPAN = 55  # percent of the width the longest bar takes


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("问"), max_length=300)
    answer = blocks.RichTextBlock(label=_("答"), features=TEXT_FEATURES)

    class Meta:
        label = _("问答")
        icon = "help"
        template = "interpretation/blocks/question_answer.html"


class PictureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("图片"))
    caption = blocks.CharBlock(label=_("图片说明"), required=False, max_length=300)

    class Meta:
        label = _("图解图片")
        icon = "image"
        template = "interpretation/blocks/picture.html"


class ChartRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("项目"), max_length=60)
    value = blocks.DecimalBlock(label=_("数值"), min_value=0, max_digits=14, decimal_places=2)


class ChartBlock(blocks.StructBlock):
    """A bar chart drawn as SVG on the server, with the same figures as a table for screen readers
    and printing: no chart script, no inline style."""

    title = blocks.CharBlock(label=_("图表标题"), max_length=120)
    unit = blocks.CharBlock(
        label=_("计量单位"), required=False, max_length=20, help_text=_("如：万元、人、户。")
    )
    rows = blocks.ListBlock(ChartRowBlock(), label=_("数据"), min_num=1)
    source = blocks.CharBlock(label=_("数据来源"), required=False, max_length=200)

    class Meta:
        label = _("图表")
        icon = "table"
        template = "interpretation/blocks/chart.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["bars"] = chart_bars(value["rows"])
        context["height"] = CHART_ROW_HEIGHT * len(value["rows"])
        return context


def chart_bars(rows) -> list[dict]:
    """Each row's label, value and bar geometry (percentages of the chart's width)."""
    values = [Decimal(row["value"] or 0) for row in rows]
    largest = max(values, default=Decimal(0))
    bars = []
    for number, (row, value) in enumerate(zip(rows, values, strict=True)):
        share = value / largest if largest > 0 else Decimal(0)
        width = round(share * CHART_BAR_SPAN, 2)
        top = number * CHART_ROW_HEIGHT
        bars.append(
            {
                "label": row["label"],
                "value": format(value.normalize(), "f") if value else "0",
                "width": width,
                "bar_y": top + (CHART_ROW_HEIGHT - CHART_BAR_HEIGHT) // 2,
                "text_y": top + CHART_ROW_HEIGHT // 2 + 5,
                "value_x": round(CHART_LABEL_WIDTH + width + 1, 2),
            }
        )
    return bars


def _extension(document) -> str:
    return document.file_extension.lower() if document else ""


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("视频标题"), max_length=120)
    video = DocumentChooserBlock(
        label=_("视频文件"), help_text=_("MP4 或 WebM 格式，先上传到本单位的文件库。")
    )
    captions = DocumentChooserBlock(
        label=_("字幕文件"),
        help_text=_("WebVTT 格式（.vtt）。视频解读必须配字幕，方便听障群众和在安静场所观看。"),
    )
    transcript = blocks.TextBlock(
        label=_("文字稿"), required=False, help_text=_("视频的完整文字稿，供无法播放视频的读者阅读。")
    )

    class Meta:
        label = _("视频（带字幕）")
        icon = "media"
        template = "interpretation/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if _extension(value["video"]) not in VIDEO_EXTENSIONS:
            errors["video"] = ValidationError(_("视频文件须为 MP4 或 WebM 格式。"))
        if _extension(value["captions"]) not in CAPTION_EXTENSIONS:
            errors["captions"] = ValidationError(_("字幕文件须为 WebVTT 格式（扩展名 .vtt）。"))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class CaseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("案例标题"), max_length=120)
    facts = blocks.RichTextBlock(label=_("案例情况"), features=TEXT_FEATURES)
    analysis = blocks.RichTextBlock(label=_("政策适用说明"), features=TEXT_FEATURES)

    class Meta:
        label = _("案例")
        icon = "doc-full"
        template = "interpretation/blocks/case.html"


class InterpretationBodyBlock(blocks.StreamBlock):
    question_answer = QuestionAnswerBlock()
    paragraph = blocks.RichTextBlock(label=_("正文"), features=TEXT_FEATURES, icon="pilcrow")
    picture = PictureBlock()
    chart = ChartBlock()
    video = VideoBlock()
    case = CaseBlock()


# Which blocks make a page of each form what it says it is.
FORM_BLOCKS = {
    "text": ("question_answer", "paragraph"),
    "graphic": ("picture", "chart"),
    "video": ("video",),
    "case": ("case",),
}
