// Progressive enhancement for the article's share block: the link is shown as text anyway.
// 复制链接 copies it (clipboard API, else the old select-and-copy that WeChat's browser still has);
// 分享给亲友 opens the phone's own share sheet where the browser has one (navigator.share).
function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.style.position = "fixed";
  field.style.opacity = "0";
  document.body.append(field);
  field.select();
  const copied = document.execCommand && document.execCommand("copy");
  field.remove();
  return copied ? Promise.resolve() : Promise.reject(new Error("copy"));
}

for (const button of document.querySelectorAll("button[data-copy]")) {
  button.hidden = false;
  const status = button.parentElement.querySelector(".copy-status");
  button.addEventListener("click", () => {
    copyText(button.dataset.copy).then(
      () => { if (status) status.textContent = "链接已复制，可以粘贴给亲友。"; },
      () => { if (status) status.textContent = "无法自动复制，请长按上面的链接复制。"; },
    );
  });
}

for (const button of document.querySelectorAll("button[data-share]")) {
  if (!navigator.share) continue;
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator.share({ title: button.dataset.title || document.title, url: button.dataset.share }).catch(() => {});
  });
}
