// Chinese tooltips for the rich-text editor's toolbar (django-prose-editor). The editor's dialogs go
// through gettext (locale/zh_Hans/LC_MESSAGES/djangojs.po); its toolbar's titles, aria-labels and menu
// entries are plain English, so they are said again here as the toolbar appears. Loaded as a file from
// 'self' (the CSP allows no inline script); tests/core/test_admin_chinese.py checks that every label the
// installed editor uses is in this table.
(function () {
  "use strict";
  var LABELS = {
    "bold": "加粗", "italic": "斜体", "underline": "下划线", "strike": "删除线",
    "subscript": "下标", "superscript": "上标", "Code": "代码", "Code block": "代码块",
    "paragraph": "正文", "Paragraph": "正文", "blockquote": "引用", "horizontal rule": "分隔线",
    "unordered list": "项目符号列表", "ordered list": "编号列表", "figure": "图片",
    "insert link": "插入链接", "remove link": "取消链接", "edit HTML": "编辑 HTML", "HTML": "HTML",
    "Insert table": "插入表格", "Add column": "增加一列", "Add row": "增加一行",
    "Delete column": "删除本列", "Delete row": "删除本行", "Delete table": "删除表格",
    "Merge cells": "合并单元格", "Split cell": "拆分单元格", "Toggle header cell": "设为/取消表头",
    "undo": "撤销", "redo": "重做", "left": "左对齐", "center": "居中", "right": "右对齐",
    "justify": "两端对齐", "Styles": "样式", "Reset all classes": "清除样式",
    "Write something …": "在这里输入正文…",
    "heading 1": "一级标题", "heading 2": "二级标题", "heading 3": "三级标题",
    "heading 4": "四级标题", "heading 5": "五级标题", "heading 6": "六级标题",
    "Heading 1": "一级标题", "Heading 2": "二级标题", "Heading 3": "三级标题",
    "Heading 4": "四级标题", "Heading 5": "五级标题", "Heading 6": "六级标题"
  };
  var ATTRIBUTES = ["title", "aria-label", "placeholder", "data-placeholder"];

  function translate(element) {
    ATTRIBUTES.forEach(function (name) {
      var value = element.getAttribute(name);
      if (value && LABELS[value]) element.setAttribute(name, LABELS[value]);
    });
    // Icon buttons show a ligature name (format_bold) as their text: only plain labels are replaced.
    if (!element.classList.contains("material-icons") && element.children.length === 0) {
      var text = element.textContent.trim();
      if (LABELS[text]) element.textContent = LABELS[text];
    }
  }

  function translateTree(root) {
    if (root.nodeType !== 1) return;
    translate(root);
    root.querySelectorAll("*").forEach(translate);
  }

  function watch() {
    document.querySelectorAll(".prose-editor").forEach(translateTree);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === 1 && (node.closest(".prose-editor") || node.querySelector(".prose-editor"))) {
            translateTree(node);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
