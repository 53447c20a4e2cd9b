"""personal_numbers_mask(): residents' phone, ID-card and bank-card numbers masked; nothing else touched."""

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from apps.core.privacy import personal_numbers_mask

MASKED = [
    # mobiles
    ("13812345678", "138****5678"),
    ("联系我13812345678谢谢", "联系我138****5678谢谢"),
    ("电话：13812345678。", "电话：138****5678。"),
    ("+86 138 1234 5678", "+86 138****5678"),
    ("+8613812345678", "+86 138****5678"),
    ("8613812345678", "86 138****5678"),
    ("0086-13812345678", "0086 138****5678"),
    ("(+86)13812345678", "(+86)138****5678"),
    ("138-1234-5678", "138****5678"),
    ("138 1234 5678", "138****5678"),
    ("１３８１２３４５６７８", "138****5678"),
    ("手机１３８－１２３４－５６７８", "手机138****5678"),
    ("13812345678@163.com", "138****5678@163.com"),
    ("tel:19912345678", "tel:199****5678"),
    ("打13812345678或15987654321都行", "打138****5678或159****4321都行"),
    # landlines
    ("0731-84567890", "0731-****7890"),
    ("073184567890", "0731-****7890"),
    ("(0731)8456 7890", "0731-****7890"),
    ("（０７３１）84567890", "0731-****7890"),
    ("0731-8888 8888", "0731-****8888"),
    ("0731 8456789", "0731-****789"),
    ("010-62345678", "010-****5678"),
    ("+86 731 8456 7890", "+86 731-****7890"),
    ("座机是84567890", "座机是****7890"),
    ("电话：8456 7890", "电话：****7890"),
    ("固话号码是 8456789", "固话号码是 ****789"),
    # ID cards
    ("430102199001010717", "4301**********0717"),
    ("身份证430102199001010717，", "身份证4301**********0717，"),
    ("43010219900101071X", "4301**********071X"),
    ("43010219900101071x号", "4301**********071x号"),
    ("430102 19900101 0717", "4301**********0717"),
    ("430102 1990 0101 0717", "4301**********0717"),
    ("４３０１０２１９９００１０１０７１Ｘ", "4301**********071X"),
    ("430102900101071", "4301********071"),
    # bank-card-like runs
    ("6222 0212 3456 7890 123", "6222***********0123"),
    ("6222021234567890", "6222********7890"),
    ("6222-0212-3456-7890", "6222********7890"),
    ("卡号6217001234567890123", "卡号6217***********0123"),
    ("详见https://example.com/a电话13812345678", "详见https://example.com/a电话138****5678"),
]

UNCHANGED = [
    "HL-2026-000011",
    "请看 HL-2026-000011 和 HL-2026-000012 的进展",
    "2026-12-02",
    "2026年12月2日",
    "2026/12/02 14:30",
    "14:30-16:30",
    "9:00–17:00",
    "38.5万元",
    "1,200元",
    "总投资 1,234,567.89 元",
    "2026年",
    "共138户、420人",
    "3 栋 2 单元",
    "第12345期",
    "电话费2000元",
    "400-123-4567",
    "https://example.com/news/13812345678/",
    "http://www.example.gov.cn/art/2026/12/2/art_1234_6222021234567890.html",
    "www.toutiao.com/article/7301234567890123456/",
    "12345678901234567890",  # 20 digits: no card
    "1381234567890",  # 13 digits: no phone
    "138****5678",  # already masked
    "",
]


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_personal_numbers_mask_hides_personal_numbers(text, expected):
    assert personal_numbers_mask(text) == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_personal_numbers_mask_leaves_other_numbers_alone(text):
    assert personal_numbers_mask(text) == text


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_personal_numbers_mask_is_stable_when_applied_twice(text, expected):
    assert personal_numbers_mask(personal_numbers_mask(text)) == expected


def test_personal_numbers_mask_filter_escapes_plain_text_and_keeps_safe_text_safe():
    template = Template("{% load core_tags %}{{ text|personal_numbers_mask }}|{{ safe|personal_numbers_mask }}")
    html = template.render(Context({"text": "<b>13812345678</b>", "safe": mark_safe("<br>13812345678")}))
    assert html == "&lt;b&gt;138****5678&lt;/b&gt;|<br>138****5678"
