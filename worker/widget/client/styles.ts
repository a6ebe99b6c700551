// The widget's styles live in its shadow root: the page's CSS cannot reach in, ours cannot leak
// out. The host takes the page's font and nothing else; important declarations on :host win over
// the page's, even its `* { display: none !important }`.
export const css = `
:host{all:initial!important;display:block!important;visibility:visible!important;opacity:1!important;position:static!important;width:auto!important;height:auto!important;max-width:40em!important;margin:1em 0!important;font:inherit;font-size:max(16px,1em);line-height:1.5;color:#1b1b1b;--a:#b3001b}
*{box-sizing:border-box}
.w{background:#fff;color:#1b1b1b;border:1px solid #ccc;border-top:4px solid var(--a);border-radius:.4em;padding:1em;overflow-wrap:anywhere}
h2{font-size:1.3em;line-height:1.25;margin:.2em 0 .5em}
h3{font-size:1.1em;margin:.5em 0}
p{margin:.5em 0}
a{color:var(--a)}
.qx{display:flex;justify-content:flex-end}
.qx a{background:#1b1b1b;color:#fff;font-weight:700;padding:.5em 1em;border-radius:.4em;text-decoration:none;min-height:44px;display:inline-flex;align-items:center}
.n{font-size:1.2em;font-weight:700}
progress{display:block;width:100%;height:.75em;accent-color:var(--a)}
details{margin:.75em 0}
summary{cursor:pointer;font-weight:600;min-height:24px}
ul{padding-inline-start:1.25em;margin:.25em 0}
label{display:block;font-weight:600;margin:.9em 0 .25em}
input,select,textarea,button{font:inherit;color:inherit}
input[type=text],input[type=email],select,textarea{display:block;width:100%;padding:.55em;border:2px solid #5a5a5a;border-radius:.3em;background:#fff}
textarea{min-height:16em;resize:vertical}
.c{display:flex;gap:.5em;align-items:flex-start;margin:.9em 0}
.c label{display:inline;font-weight:400;margin:0}
.c input{width:1.25em;height:1.25em;margin:.15em 0 0;flex:none}
button{display:inline-block;margin-top:1em;font-weight:600;background:var(--a);color:#fff;border:0;border-radius:.4em;padding:.7em 1.2em;min-height:44px;cursor:pointer}
button[disabled]{opacity:.7;cursor:progress}
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
[aria-invalid=true]{border-color:#b3001b;outline:2px solid #b3001b}
.e{color:#b3001b;font-weight:600;margin:.25em 0}
.s{border:3px solid #b3001b;border-radius:.4em;padding:.5em .75em;margin:.75em 0}
.s:empty{display:none}
.m{color:#555;font-size:.9em}
.hp{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
.done{outline:none}
`;
