extension HTMLReport {
    /// The page's style sheet: system fonts only, one column that fits a phone, wider
    /// margins on a laptop, dark colours when the reader's system asks for them.
    static let styleSheet = """

        :root { --text: #1d2026; --muted: #5b6270; --line: #d9dde3; --back: #ffffff; --panel: #f5f6f8;
          --mark: #ffe08a; --accent: #c0542c; --novel: #8aa1b8; --link: #1f5fae; --ins: #d8f5d0; --del: #fbd9d6; }
        @media (prefers-color-scheme: dark) {
          :root { --text: #e6e8eb; --muted: #a3abb7; --line: #3a3f47; --back: #16181c; --panel: #1f2227;
            --mark: #6b5a1e; --accent: #e07a4f; --novel: #5d7389; --link: #8cb8f0; --ins: #1f4a22; --del: #5a2323; }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--back); color: var(--text);
          font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
        header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
        header { padding-top: 1rem; border-bottom: 1px solid var(--line); }
        h1 { font-size: 1.6rem; margin: 0.5rem 0; }
        h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1.05rem; margin: 0 0 0.25rem; overflow-wrap: anywhere; }
        nav { display: flex; gap: 1rem; flex-wrap: wrap; padding-bottom: 0.75rem; }
        a { color: var(--link); }
        .note, .meta, figcaption, footer { color: var(--muted); font-size: 0.9rem; }
        .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.5rem; margin: 1rem 0; }
        .facts div { background: var(--panel); border-radius: 6px; padding: 0.5rem 0.75rem; }
        .facts dt { color: var(--muted); font-size: 0.8rem; }
        .facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr)); gap: 1rem; }
        .chart { margin: 0; background: var(--panel); border-radius: 6px; padding: 0.75rem; }
        .chart svg { width: 100%; height: auto; display: block; }
        .bar { fill: var(--accent); }
        .bar.novel { fill: var(--novel); }
        .track { fill: var(--line); }
        .axis { stroke: var(--muted); stroke-width: 1; }
        .tick, .value { fill: var(--muted); font-size: 13px; font-family: inherit; }
        .value { fill: var(--text); }
        article { border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1rem; margin: 0.75rem 0; }
        article:target { outline: 3px solid var(--accent); }
        blockquote { margin: 0.5rem 0; padding: 0.25rem 0.75rem; border-left: 4px solid var(--mark);
          white-space: pre-wrap; overflow-wrap: anywhere; }
        .variants { padding-left: 1.2rem; overflow-wrap: anywhere; }
        ins { background: var(--ins); text-decoration: none; }
        del { background: var(--del); }
        .carriers, .id { overflow-wrap: anywhere; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        td:first-child { overflow-wrap: anywhere; min-width: 10rem; }
        .n { text-align: right; white-space: nowrap; }
        .text p { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.6rem 0; }
        .text p.template { border-left: 3px solid var(--accent); padding-left: 0.5rem; }
        .text p.partial { border-left: 3px dashed var(--accent); padding-left: 0.5rem; }
        mark { background: var(--mark); color: inherit; border-radius: 2px; }
        a.r { color: inherit; text-decoration: none; }
        a.r:hover mark, a.r:focus mark { outline: 2px solid var(--accent); }
        @media (max-width: 40rem) {
          body { font-size: 15px; }
          header, main, footer { padding: 0 0.6rem; }
          article { padding: 0.5rem 0.6rem; }
          th:nth-child(2), td:nth-child(2), th:nth-child(6), td:nth-child(6) { display: none; }
        }
        @media print { nav { display: none; } article { break-inside: avoid; } }

        """
}
