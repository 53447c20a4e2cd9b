// Progressive enhancement for the article's share block: the link is shown as text anyway; where the
// browser can copy to the clipboard, a 复制链接 button appears and copies it.
for (const button of document.querySelectorAll("button[data-copy]")) {
  if (!navigator.clipboard) continue;
  button.hidden = false;
  const status = button.parentElement.querySelector(".copy-status");
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(button.dataset.copy);
      if (status) status.textContent = "链接已复制，可以粘贴给亲友。";
    } catch {
      if (status) status.textContent = "无法自动复制，请长按上面的链接复制。";
    }
  });
}
