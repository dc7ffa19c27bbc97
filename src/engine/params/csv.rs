// A tiny reader for the parameter CSV files of this folder.
// Not a module of the engine: `build.rs` and `tests/params_tidy.rs` `include!` it, so no parser ships in the wasm.
// Format: one record a line; lines empty or starting with '#' are comments; the first other line is the header;
// a field may be double-quoted (then it may hold commas, and "" stands for one quote).

/// Records of `text` as (line number, fields), header first.
#[allow(dead_code)]
pub fn csv_records(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = Vec::new();
        let mut cur = String::new();
        let mut chars = line.chars().peekable();
        let mut quoted = false;
        let mut was_quoted = false;
        while let Some(c) = chars.next() {
            if quoted {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        cur.push('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.push(c);
                }
            } else if c == '"' && cur.is_empty() && !was_quoted {
                quoted = true;
                was_quoted = true;
            } else if c == ',' {
                fields.push(std::mem::take(&mut cur));
                was_quoted = false;
            } else if was_quoted {
                return Err(format!("line {}: text after a closing quote", i + 1));
            } else {
                cur.push(c);
            }
        }
        if quoted {
            return Err(format!("line {}: unclosed quote", i + 1));
        }
        fields.push(cur);
        out.push((i + 1, fields));
    }
    Ok(out)
}

/// `YYYY-MM-DD` to (year, month, day), checking that the day exists.
#[allow(dead_code)]
pub fn csv_date(s: &str) -> Result<(i32, u32, u32), String> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(format!("not a YYYY-MM-DD date: {s:?}"));
    }
    let num = |a: usize, z: usize| -> Result<u32, String> {
        s[a..z].parse::<u32>().map_err(|_| format!("not a YYYY-MM-DD date: {s:?}"))
    };
    let (y, m, d) = (num(0, 4)? as i32, num(5, 7)?, num(8, 10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    if d == 0 || d > dim {
        return Err(format!("impossible date: {s:?}"));
    }
    Ok((y, m, d))
}

/// A plain decimal ("4.06", "200000.00", "15") as an integer scaled by 10^digits, exactly.
#[allow(dead_code)]
pub fn csv_decimal(s: &str, digits: u32) -> Result<i64, String> {
    let bad = || format!("not a plain decimal number: {s:?}");
    let (int, frac) = match s.split_once('.') {
        Some((a, b)) => (a, b),
        None => (s, ""),
    };
    if int.is_empty() || !int.bytes().all(|c| c.is_ascii_digit()) || !frac.bytes().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    if frac.len() as u32 > digits {
        return Err(format!("more than {digits} decimals: {s:?}"));
    }
    let mut v: i64 = int.parse().map_err(|_| bad())?;
    for _ in 0..digits {
        v = v.checked_mul(10).ok_or_else(bad)?;
    }
    let mut f: i64 = 0;
    for (i, c) in frac.bytes().enumerate() {
        let mut x = i64::from(c - b'0');
        for _ in 0..(digits - 1 - i as u32) {
            x *= 10;
        }
        f += x;
    }
    v.checked_add(f).ok_or_else(bad)
}
