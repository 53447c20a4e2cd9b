// Share cards inside WeChat's browser (progressive enhancement; loaded only when the 公众号 is configured).
// Elsewhere it does nothing. Inside WeChat it asks our server for the JS-SDK signature of this page's URL,
// loads WeChat's SDK (its host is allowed in the CSP only then) and sets the card's title, text and picture
// from the page's own meta tags.
(() => {
  const me = document.currentScript;
  if (!me || !/MicroMessenger/i.test(navigator.userAgent)) return;
  const pageUrl = location.href.split("#")[0];
  const meta = (name) =>
    (document.querySelector(`meta[property="og:${name}"]`) || document.querySelector(`meta[name="${name}"]`) || {})
      .content || "";
  const absolute = (url) => (url ? new URL(url, location.href).href : "");
  fetch(`${me.dataset.config}?url=${encodeURIComponent(pageUrl)}`, { credentials: "same-origin" })
    .then((answer) => (answer.ok ? answer.json() : Promise.reject(answer.status)))
    .then((config) => {
      const sdk = document.createElement("script");
      sdk.src = me.dataset.sdk;
      sdk.addEventListener("load", () => {
        const wx = window.wx;
        if (!wx) return;
        wx.config({ ...config, debug: false, jsApiList: ["updateAppMessageShareData", "updateTimelineShareData"] });
        wx.ready(() => {
          const card = {
            title: meta("title") || document.title,
            desc: meta("description"),
            link: pageUrl,
            imgUrl: absolute(meta("image") || me.dataset.image),
          };
          wx.updateAppMessageShareData(card);
          wx.updateTimelineShareData(card);
        });
      });
      document.head.append(sdk);
    })
    .catch(() => {}); // no card: WeChat shows the page's title, as before
})();
