// The article context of an evidence card, in which an editor can select words to check as a
// claim (factcheck.widgets.selection.ArticleContext). Plain ES module, loaded by anywidget.
//
// `html` comes from Python already escaped (factcheck.desk.render.context_html builds it from
// the corpus text with every character escaped), so it is set as markup here on purpose.
// `selection` goes back to Python: the words last selected *inside this widget*, with runs of
// white space folded. A selection elsewhere on the page, or one that collapses (a click on the
// "check" button), leaves it as it is, so the button checks what the editor selected.

const SETTLE_MS = 120; // selectionchange fires on every drag step; send the settled selection

function render({ model, el }) {
  const body = document.createElement("div");
  body.className = "fc-context-body";
  body.dir = "rtl";
  body.lang = "ar";
  const draw = () => {
    body.innerHTML = model.get("html");
  };
  draw();
  el.classList.add("fc-article-context");
  el.appendChild(body);

  let timer = null;
  const send = () => {
    timer = null;
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    if (!body.contains(range.commonAncestorContainer)) return;
    const text = sel.toString().replace(/\s+/g, " ").trim();
    if (text && text !== model.get("selection")) {
      model.set("selection", text);
      model.save_changes();
    }
  };
  const onSelectionChange = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(send, SETTLE_MS);
  };
  document.addEventListener("selectionchange", onSelectionChange);
  model.on("change:html", draw);
  return () => {
    if (timer !== null) clearTimeout(timer);
    document.removeEventListener("selectionchange", onSelectionChange);
    model.off("change:html", draw);
  };
}

export default { render };
