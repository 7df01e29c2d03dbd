// The one stylesheet of the web 台账, served from the process itself (no CDN: government intranets
// have no internet) under a name that changes with its content, so browsers may keep it for a year.
// Colours meet WCAG AA on white (status colours carry a text label too); the layout is one column on
// a phone and two from 56rem.
import { createHash } from 'node:crypto';

export const STYLE = `
:root{--fg:#1d2939;--muted:#475467;--line:#d0d5dd;--bg:#f5f7fa;--card:#fff;--link:#1849a9;--focus:#f79009;
--overdue:#b42318;--not-started:#667085;--in-progress:#175cd3;--done:#067647;--brand:#9b1c1c}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:2}
.skip:focus{left:.5rem}
.top{background:var(--brand);color:#fff}
.top nav{max-width:72rem;margin:0 auto;padding:.5rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem}
.top a{color:#fff;text-decoration:none}
.top a:hover,.top a[aria-current=page]{text-decoration:underline}
.brand{font-weight:700;font-size:1.1rem;margin-right:auto}
.top ul{list-style:none;display:flex;gap:1rem;margin:0;padding:0}
.who{display:flex;align-items:center;gap:.5rem;font-size:.9rem}
.who button{background:transparent;color:#fff;border:1px solid #fff;border-radius:4px;padding:.1rem .6rem;font:inherit;cursor:pointer}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.3;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:0 0 .75rem}
h3{font-size:1rem;margin:1rem 0 .5rem}
.crumbs{font-size:.9rem;color:var(--muted);margin:0}
.crumbs a{color:var(--muted)}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem;margin:0 0 1rem;min-width:0}
.grid{display:grid;gap:1rem;margin:0 0 1rem;align-items:start}
@media (min-width:56rem){.grid.two{grid-template-columns:1fr 1fr}.grid.two>.card{margin:0}}
.kpis{display:grid;grid-template-columns:repeat(2,1fr);gap:.75rem;margin:0 0 1rem;padding:0;list-style:none}
.kpis .rate{grid-column:span 2}
@media (min-width:40rem){.kpis{grid-template-columns:repeat(5,1fr)}.kpis .rate{grid-column:auto}}
.kpis li{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem;border-top:4px solid var(--line)}
.kpis .n{display:block;font-size:1.75rem;font-weight:700;line-height:1.2}
.kpis .rate{border-top-color:var(--fg)}
.kpis .overdue{border-top-color:var(--overdue)}.kpis .overdue .n{color:var(--overdue)}
.kpis .not-started{border-top-color:var(--not-started)}
.kpis .in-progress{border-top-color:var(--in-progress)}
.kpis .done{border-top-color:var(--done)}
.badge{display:inline-block;padding:0 .45rem;border-radius:999px;font-size:.8rem;line-height:1.5rem;color:#fff;white-space:nowrap}
.badge.overdue{background:var(--overdue)}.badge.not-started{background:var(--not-started)}
.badge.in-progress{background:var(--in-progress)}.badge.done{background:var(--done)}
.role{display:inline-block;border:1px solid var(--muted);color:var(--muted);border-radius:4px;font-size:.75rem;padding:0 .3rem;margin-right:.25rem}
.tasks{list-style:none;margin:0;padding:0}
.tasks li{border-top:1px solid var(--line);padding:.6rem 0}
.tasks li:first-child{border-top:0}
.tasks .meta{display:block;font-size:.85rem;color:var(--muted)}
.tasks.red li{border-left:4px solid var(--overdue);padding-left:.6rem}
.late{color:var(--overdue);font-weight:600}
.chart svg{display:block;width:100%;height:auto;max-width:40rem}
@media (max-width:40rem){.chart svg text{font-size:18px}}
.chart text{font-family:inherit;fill:var(--fg)}
.chart text.late{fill:var(--overdue);font-weight:600}.chart text.count{fill:var(--muted)}
.s-overdue{fill:var(--overdue)}.s-not-started{fill:var(--not-started)}.s-in-progress{fill:var(--in-progress)}.s-done{fill:var(--done)}
.chart .axis,.chart .tick{stroke:var(--muted);stroke-width:1}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:.5rem 0 0;padding:0;font-size:.85rem}
.legend i{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
.legend .overdue{background:var(--overdue)}.legend .not-started{background:var(--not-started)}
.legend .in-progress{background:var(--in-progress)}.legend .done{background:var(--done)}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:0 0 .5rem}
th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f4f7}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
dl.facts{display:grid;grid-template-columns:1fr;gap:.25rem 1rem;margin:0}
@media (min-width:40rem){dl.facts{grid-template-columns:9rem 1fr}}
dl.facts dt{font-weight:600;color:var(--muted)}
dl.facts dd{margin:0 0 .5rem}
form.stack{display:grid;gap:.75rem;max-width:40rem}
label{font-weight:600;display:block}
.hint{font-weight:400;color:var(--muted);font-size:.85rem;display:block}
input[type=text],input[type=number],input[type=date],input[type=time],input[type=file],select,textarea{font:inherit;width:100%;padding:.45rem .6rem;border:1px solid #98a2b3;border-radius:6px;background:#fff;color:var(--fg)}
textarea{min-height:5rem}
.buttons{display:flex;flex-wrap:wrap;gap:.5rem}
button,.button{font:inherit;padding:.45rem 1rem;border-radius:6px;border:1px solid var(--link);background:var(--link);color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:var(--link)}
button.danger{background:#fff;color:var(--overdue);border-color:var(--overdue)}
.inline{display:inline}
.flash{border-left:4px solid var(--done);background:#ecfdf3;padding:.75rem 1rem;margin:0 0 1rem;border-radius:4px}
.error{border-left:4px solid var(--overdue);background:#fef3f2;padding:.75rem 1rem;margin:0 0 1rem;border-radius:4px}
.warn{border-left:4px solid #b54708;background:#fffaeb;padding:.5rem 1rem;margin:0 0 1rem;border-radius:4px}
.muted{color:var(--muted)}
progress{width:6rem;height:.6rem;vertical-align:middle;accent-color:var(--done)}
pre.digest{white-space:pre-wrap;background:#f9fafb;border:1px solid var(--line);border-radius:6px;padding:.75rem;font:inherit;font-size:.9rem;margin:.5rem 0 0}
details>summary{cursor:pointer;font-weight:600}
footer{max-width:72rem;margin:0 auto;padding:1rem;color:var(--muted);font-size:.85rem}
`;

/** Changes whenever the stylesheet does, so its URL can be cached for good. */
export const STYLE_HASH = createHash('sha256').update(STYLE).digest('hex').slice(0, 12);
