// Strict JSON parser (RFC 8259) that keeps the offset of every value and key, and reports
// duplicate keys (AWS rejects duplicate keys in policy documents; JSON.parse keeps the last).
//
// Node = { type: "object"|"array"|"string"|"number"|"boolean"|"null", value, offset,
//          entries?: [{ key, keyOffset, node }], items?: Node[] }

export class JsonError extends Error {
  constructor(message, offset) {
    super(message);
    this.offset = offset;
  }
}

export function parseJson(text) {
  let i = 0;
  const duplicates = [];
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const fail = (msg) => {
    throw new JsonError(msg, i);
  };
  function str() {
    const start = i;
    if (text[i] !== '"') fail(`expected a string, found ${describe()}`);
    i++;
    let out = "";
    for (;;) {
      if (i >= text.length) {
        i = start;
        fail("unterminated string");
      }
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c === "\\") {
        const e = text[i + 1];
        const simple = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e in simple) {
          out += simple[e];
          i += 2;
          continue;
        }
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        fail("invalid escape in string");
      }
      if (c < " ") fail("control character in string");
      out += c;
      i++;
    }
  }
  function describe() {
    if (i >= text.length) return "end of document";
    return JSON.stringify(text.slice(i, i + 12));
  }
  function value() {
    ws();
    const offset = i;
    const c = text[i];
    if (c === "{") {
      i++;
      const entries = [];
      const seen = new Map();
      const obj = {};
      ws();
      if (text[i] === "}") {
        i++;
        return { type: "object", value: obj, entries, offset };
      }
      for (;;) {
        ws();
        const keyOffset = i;
        const key = str();
        ws();
        if (text[i] !== ":") fail(`expected : after key ${JSON.stringify(key)}`);
        i++;
        const node = value();
        if (seen.has(key)) duplicates.push({ key, offset: keyOffset, first: seen.get(key) });
        else seen.set(key, keyOffset);
        entries.push({ key, keyOffset, node });
        obj[key] = node.value;
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return { type: "object", value: obj, entries, offset };
        }
        fail(`expected , or } in object, found ${describe()}`);
      }
    }
    if (c === "[") {
      i++;
      const items = [];
      ws();
      if (text[i] === "]") {
        i++;
        return { type: "array", value: [], items, offset };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return { type: "array", value: items.map((n) => n.value), items, offset };
        }
        fail(`expected , or ] in array, found ${describe()}`);
      }
    }
    if (c === '"') return { type: "string", value: str(), offset };
    const m = text.slice(i).match(/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/);
    if (m && m[0].length) {
      i += m[0].length;
      return { type: "number", value: Number(m[0]), offset };
    }
    for (const [lit, v] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ]) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return { type: lit === "null" ? "null" : "boolean", value: v, offset };
      }
    }
    fail(`expected a JSON value, found ${describe()}`);
  }
  const root = value();
  ws();
  if (i < text.length) fail(`unexpected ${describe()} after the JSON document`);
  return { root, value: root.value, duplicates };
}

/** Looks up an entry of an object node by key. */
export function entry(node, key) {
  return node?.type === "object" ? node.entries.find((e) => e.key === key) : undefined;
}
