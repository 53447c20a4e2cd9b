import pytest

from apps.core.richtext import sanitize_html


@pytest.mark.parametrize(
    "hostile,gone",
    [
        ("<p>你好<script>alert(1)</script></p>", "<script"),
        ('<p><img src="/media/images/a.jpg" onerror="alert(1)" alt="图"></p>', "onerror"),
        ('<p><a href="javascript:alert(1)">点我</a></p>', "javascript:"),
        ('<p><iframe src="https://evil.example/"></iframe>正文</p>', "<iframe"),
        ('<p style="color:red">红字</p>', "style="),
        ('<p><img src="https://evil.example/track.png" alt="外链"></p>', "evil.example"),
        ('<p><a href="/x" onclick="steal()">链接</a></p>', "onclick"),
        ("<svg><circle/></svg><p>文字</p>", "<svg"),
    ],
)
def test_hostile_markup_is_stripped(hostile, gone):
    assert gone not in sanitize_html(hostile)


def test_chinese_text_headings_lists_links_and_own_images_survive():
    html = (
        "<h2>红岭课堂</h2><p>讲习夜校<strong>每周二</strong>开课。</p>"
        "<ul><li>连心广场</li><li>岭上清风园</li></ul>"
        '<p><a href="https://www.example.cn/news">详情</a></p>'
        '<figure><img src="/media/images/2026/11/abc.jpg" alt="夜校现场"><figcaption>夜校现场</figcaption></figure>'
    )
    clean = sanitize_html(html)
    for kept in ("<h2>红岭课堂</h2>", "<strong>每周二</strong>", "<li>连心广场</li>", 'href="https://www.example.cn/news"',
                 'src="/media/images/2026/11/abc.jpg"', "<figcaption>夜校现场</figcaption>"):  # fmt: skip
        assert kept in clean
    assert 'rel="noopener noreferrer nofollow"' in clean


def test_sanitizing_twice_changes_nothing():
    once = sanitize_html('<p>一<a href="https://a.cn">二</a><script>x</script></p>')
    assert sanitize_html(once) == once


def test_empty_editor_output_is_stored_as_empty():
    assert sanitize_html("<p></p>") == ""
