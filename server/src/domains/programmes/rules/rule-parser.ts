import { type ComparisonOp, type Literal, type Position, RuleError, type RuleNode } from './rule-ast';
import { type FieldSpec, HOUSEHOLD_FIELDS, MEMBER_FIELDS } from './rule-fields';

/*
 * The rule language, as programme officers write it:
 *
 *   rule    := or
 *   or      := and ("or" and)*
 *   and     := unary ("and" unary)*
 *   unary   := "not" unary | "(" rule ")" | "true" | "false" | count | test
 *   count   := "count" "(" "members" ["where" rule] ")" op number
 *   test    := field op literal | field ["not"] "in" "(" literal ("," literal)* ")"
 *   op      := "=" | "!=" | "<" | "<=" | ">" | ">="
 *   literal := number | 'text' | true | false
 *
 * Example: poverty_level in (1, 2) and card_status = 'active'
 *          and count(members where age_months < 24) >= 1
 *
 * Household fields are allowed at the top level, member fields inside count(members where …).
 */

type Token =
  | { type: 'word'; text: string; at: Position }
  | { type: 'number'; value: number; at: Position }
  | { type: 'string'; value: string; at: Position }
  | { type: 'symbol'; text: string; at: Position }
  | { type: 'end'; at: Position };

const OPS = new Set(['=', '!=', '<', '<=', '>', '>=']);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const here = (): Position => ({ line, column: i - lineStart + 1 });
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') {
      line += 1;
      i += 1;
      lineStart = i;
    } else if (/\s/.test(c)) {
      i += 1;
    } else if (c === '#') {
      while (i < source.length && source[i] !== '\n') i += 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const at = here();
      const start = i;
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i]!)) i += 1;
      tokens.push({ type: 'word', text: source.slice(start, i).toLowerCase(), at });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const at = here();
      const start = i;
      i += 1;
      while (i < source.length && /[0-9.]/.test(source[i]!)) i += 1;
      const value = Number(source.slice(start, i));
      if (!Number.isFinite(value)) throw new RuleError(`"${source.slice(start, i)}" is not a number`, at);
      tokens.push({ type: 'number', value, at });
    } else if (c === "'") {
      const at = here();
      const end = source.indexOf("'", i + 1);
      if (end < 0) throw new RuleError('text that starts here has no closing quote', at);
      tokens.push({ type: 'string', value: source.slice(i + 1, end), at });
      i = end + 1;
    } else {
      const at = here();
      const two = source.slice(i, i + 2);
      const text = OPS.has(two) ? two : c;
      if (!OPS.has(text) && !'(),'.includes(text)) throw new RuleError(`unexpected character "${c}"`, at);
      tokens.push({ type: 'symbol', text, at });
      i += text.length;
    }
  }
  tokens.push({ type: 'end', at: here() });
  return tokens;
}

/** Parses and type-checks a rule; throws RuleError naming the line, column and problem. */
export function parseRule(source: string): RuleNode {
  if (source.trim() === '') throw new RuleError('the rule is empty', { line: 1, column: 1 });
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos]!;
  const next = () => tokens[pos++]!;
  const isWord = (text: string) => peek().type === 'word' && (peek() as { text: string }).text === text;
  const isSymbol = (text: string) => peek().type === 'symbol' && (peek() as { text: string }).text === text;
  const expectSymbol = (text: string) => {
    if (!isSymbol(text)) throw new RuleError(`expected "${text}" but found ${describe(peek())}`, peek().at);
    next();
  };

  function parseOr(fields: Record<string, FieldSpec>): RuleNode {
    const at = peek().at;
    const items = [parseAnd(fields)];
    while (isWord('or')) {
      next();
      items.push(parseAnd(fields));
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items, at };
  }

  function parseAnd(fields: Record<string, FieldSpec>): RuleNode {
    const at = peek().at;
    const items = [parseUnary(fields)];
    while (isWord('and')) {
      next();
      items.push(parseUnary(fields));
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items, at };
  }

  function parseUnary(fields: Record<string, FieldSpec>): RuleNode {
    const token = peek();
    if (isWord('not')) {
      next();
      return { kind: 'not', item: parseUnary(fields), at: token.at };
    }
    if (isSymbol('(')) {
      next();
      const inner = parseOr(fields);
      expectSymbol(')');
      return inner;
    }
    if (isWord('true') || isWord('false')) {
      next();
      return { kind: 'literal', value: (token as { text: string }).text === 'true', at: token.at };
    }
    if (isWord('count')) return parseCount(fields);
    return parseTest(fields);
  }

  function parseCount(fields: Record<string, FieldSpec>): RuleNode {
    const at = next().at;
    if (fields !== HOUSEHOLD_FIELDS)
      throw new RuleError('count(members …) cannot be nested inside another count', at);
    expectSymbol('(');
    if (!isWord('members'))
      throw new RuleError(`expected "members" but found ${describe(peek())}`, peek().at);
    next();
    let where: RuleNode | null = null;
    if (isWord('where')) {
      next();
      where = parseOr(MEMBER_FIELDS);
    }
    expectSymbol(')');
    const op = parseOp();
    const value = next();
    if (value.type !== 'number' || !Number.isInteger(value.value) || value.value < 0) {
      throw new RuleError(`a count is compared with a whole number, not ${describe(value)}`, value.at);
    }
    return { kind: 'count', where, op, value: value.value, at };
  }

  function parseOp(): ComparisonOp {
    const token = next();
    if (token.type !== 'symbol' || !OPS.has(token.text))
      throw new RuleError(
        `expected a comparison (=, !=, <, <=, >, >=) but found ${describe(token)}`,
        token.at,
      );
    return token.text as ComparisonOp;
  }

  function parseTest(fields: Record<string, FieldSpec>): RuleNode {
    const token = next();
    if (token.type !== 'word')
      throw new RuleError(`expected a field name but found ${describe(token)}`, token.at);
    const spec = fields[token.text];
    if (!spec) {
      const other = fields === HOUSEHOLD_FIELDS ? MEMBER_FIELDS : HOUSEHOLD_FIELDS;
      const hint = other[token.text]
        ? fields === HOUSEHOLD_FIELDS
          ? ` (it is a member field: use it inside count(members where …))`
          : ' (it is a household field: use it outside count(…))'
        : `; known fields: ${Object.keys(fields).join(', ')}`;
      throw new RuleError(`unknown field "${token.text}"${hint}`, token.at);
    }
    let isNegated = false;
    if (isWord('not')) {
      next();
      isNegated = true;
      if (!isWord('in'))
        throw new RuleError(`expected "in" after "not" but found ${describe(peek())}`, peek().at);
    }
    if (isWord('in')) {
      next();
      expectSymbol('(');
      const values = [parseLiteral(token.text, spec)];
      while (isSymbol(',')) {
        next();
        values.push(parseLiteral(token.text, spec));
      }
      expectSymbol(')');
      const node: RuleNode = { kind: 'in', field: token.text, values, at: token.at };
      return isNegated ? { kind: 'not', item: node, at: token.at } : node;
    }
    const op = parseOp();
    if (spec.type !== 'number' && !['=', '!='].includes(op))
      throw new RuleError(`"${token.text}" can only be compared with = or !=`, token.at);
    return { kind: 'compare', field: token.text, op, value: parseLiteral(token.text, spec), at: token.at };
  }

  function parseLiteral(field: string, spec: FieldSpec): Literal {
    const token = next();
    const value: Literal | undefined =
      token.type === 'number' || token.type === 'string'
        ? token.value
        : token.type === 'word' && (token.text === 'true' || token.text === 'false')
          ? token.text === 'true'
          : undefined;
    const typeOf = typeof value === 'string' ? 'text' : typeof value;
    if (value === undefined || typeOf !== spec.type) {
      throw new RuleError(
        `"${field}" is ${spec.type === 'text' ? 'text' : `a ${spec.type}`}; ${describe(token)} does not fit`,
        token.at,
      );
    }
    if (typeof value === 'string' && spec.values && !spec.values.includes(value)) {
      throw new RuleError(
        `'${value}' is not a value of "${field}"; use one of ${spec.values.map((v) => `'${v}'`).join(', ')}`,
        token.at,
      );
    }
    if (typeof value === 'string' && spec.pattern && !spec.pattern.test(value)) {
      throw new RuleError(`'${value}' is not a valid ${spec.description.en}`, token.at);
    }
    return value;
  }

  const rule = parseOr(HOUSEHOLD_FIELDS);
  if (peek().type !== 'end')
    throw new RuleError(`unexpected ${describe(peek())} (missing "and" or "or"?)`, peek().at);
  return rule;
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the rule';
    case 'number':
      return `the number ${token.value}`;
    case 'string':
      return `the text '${token.value}'`;
    case 'word':
    case 'symbol':
      return `"${token.text}"`;
  }
}
