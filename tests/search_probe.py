"""A query typed into the site's own search (``search: terms``), measured as a reader
meets it: the time from typing to the first result, the bytes fetched for it, the
tab's JavaScript heap, and what the results are. Shared by the browser tests and
``benchmarks/corpus.py``."""

from __future__ import annotations

import time

FORM = "form[data-comparator-search]"
FIRST_RESULT = f"{FORM} .comparator-search__results li a"


def measure_query(chromium, origin: str, query: str, page_path: str = "") -> dict:
    """Open ``page_path`` in a fresh tab, type ``query`` into the header's search and wait
    for the first result (or for the status saying there is none)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(origin + page_path)
        page.wait_for_selector(f"{FORM}:not([hidden])")
        fetched: list[int] = []

        def count(response) -> None:
            if "/search/" in response.url:
                try:
                    fetched.append(len(response.body()))
                except Exception:  # a response the page no longer holds
                    fetched.append(int(response.headers.get("content-length", 0)))

        page.on("response", count)
        field = page.locator(f"{FORM} input[type=search]")
        start = time.perf_counter()
        field.fill(query)
        field.press("End")
        page.wait_for_function(
            """form => {
                const f = document.querySelector(form);
                const status = f.querySelector('.comparator-search__status').textContent;
                return f.querySelector('.comparator-search__results li a')
                    || status.includes('没有找到');
            }""",
            arg=FORM,
            timeout=30_000,
        )
        seconds = time.perf_counter() - start
        links = page.locator(FIRST_RESULT)
        results = [
            {"href": links.nth(i).get_attribute("href") or "", "text": links.nth(i).inner_text()}
            for i in range(min(links.count(), 10))
        ]
        session = context.new_cdp_session(page)
        session.send("Performance.enable")
        metrics = {m["name"]: m["value"] for m in session.send("Performance.getMetrics")["metrics"]}
        page.wait_for_timeout(300)  # the rest of the first batch
        return {
            "query": query,
            "first_result_seconds": seconds,
            "fetched_mb": sum(fetched) / 2**20,
            "requests": len(fetched),
            "memory_mb": metrics.get("JSHeapUsedSize", 0) / 2**20,
            "results": results,
            "status": page.locator(f"{FORM} .comparator-search__status").inner_text(),
        }
    finally:
        context.close()
