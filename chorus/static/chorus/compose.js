// The composer: for networks whose share page takes only a link (LinkedIn, Facebook, Xing),
// copy the post to the clipboard first, then let the form go on to the network.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  const submitter = event.submitter;
  if (form.id !== "compose-form" || !submitter || !submitter.hasAttribute("data-copy-first")) return;
  if (form.dataset.copying) return;
  event.preventDefault();
  const area = form.querySelector("textarea[name=text]");
  const extra = area.dataset.lengthExtra || "";
  const text = window.ChorusLengths && window.ChorusLengths.composeText
    ? window.ChorusLengths.composeText(area.value, extra)
    : [area.value.trim(), extra].filter(Boolean).join(" ");
  let copied = "0";
  try {
    await navigator.clipboard.writeText(text);
    copied = "1";
  } catch (error) {
    // No clipboard (permissions, old browser): the share's page shows the text to copy instead.
  }
  form.querySelector("[data-copied]").value = copied;
  const action = document.createElement("input");
  action.type = "hidden";
  action.name = "action";
  action.value = "share";
  form.appendChild(action);
  form.dataset.copying = "1";
  form.submit();
});

// Copy buttons on a share's page.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy-target]");
  if (!button) return;
  const source = document.querySelector(button.dataset.copyTarget);
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.value !== undefined ? source.value : source.textContent);
    const done = button.dataset.copiedLabel;
    if (done) {
      const before = button.textContent;
      button.textContent = done;
      setTimeout(() => { button.textContent = before; }, 2000);
    }
  } catch (error) {
    source.select && source.select();
  }
});

// While another network or sample post is loading, the text cannot change under the advocate's
// fingers: it is held read-only until the new composer arrives (or the request fails).
document.addEventListener("htmx:beforeRequest", (event) => {
  const area = document.querySelector("#compose-form textarea[name=text]");
  if (area && event.target.closest("[data-swaps-composer]") && !area.readOnly) {
    area.readOnly = true;
    area.dataset.heldForSwap = "1";
  }
});
document.addEventListener("htmx:afterRequest", () => {
  const area = document.querySelector("#compose-form textarea[data-held-for-swap]");
  if (area) {
    area.readOnly = false;
    delete area.dataset.heldForSwap;
  }
});
