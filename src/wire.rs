//! The binary form of partial results, for sending a shard's state to another worker or
//! process: fixed-width little-endian numbers, length-prefixed strings and vectors. A partial
//! starts with a magic tag and the engine version, and reading stops with
//! `PARTIAL_MISMATCH` at the first byte that does not fit (never a panic).

use crate::error::{Error, Result};

/// Appends values to a byte buffer.
#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

/// Reads values back in the order they were written.
pub struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

fn bad(what: &str) -> Error {
    Error::PartialMismatch {
        reason: format!("the bytes are not a partial result of this engine ({what})"),
    }
}

impl Writer {
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn i64(&mut self, v: i64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f64(&mut self, v: f64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn i128(&mut self, v: i128) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn bool(&mut self, v: bool) {
        self.buf.push(v as u8);
    }
    pub fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }
    pub fn u32s(&mut self, v: &[u32]) {
        self.u64(v.len() as u64);
        v.iter()
            .for_each(|x| self.buf.extend_from_slice(&x.to_le_bytes()));
    }
    pub fn u64s(&mut self, v: &[u64]) {
        self.u64(v.len() as u64);
        v.iter().for_each(|&x| self.u64(x));
    }
    pub fn i64s(&mut self, v: &[i64]) {
        self.u64(v.len() as u64);
        v.iter().for_each(|&x| self.i64(x));
    }
    pub fn f64s(&mut self, v: &[f64]) {
        self.u64(v.len() as u64);
        v.iter().for_each(|&x| self.f64(x));
    }
    pub fn opt_i64(&mut self, v: Option<i64>) {
        self.bool(v.is_some());
        self.i64(v.unwrap_or(0));
    }
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data, at: 0 }
    }

    pub fn done(&self) -> bool {
        self.at == self.data.len()
    }

    fn take<const N: usize>(&mut self) -> Result<[u8; N]> {
        let end = self.at.checked_add(N).filter(|&e| e <= self.data.len());
        let end = end.ok_or_else(|| bad("cut short"))?;
        let mut out = [0; N];
        out.copy_from_slice(&self.data[self.at..end]);
        self.at = end;
        Ok(out)
    }

    pub fn u64(&mut self) -> Result<u64> {
        self.take().map(u64::from_le_bytes)
    }
    pub fn i64(&mut self) -> Result<i64> {
        self.take().map(i64::from_le_bytes)
    }
    pub fn f64(&mut self) -> Result<f64> {
        self.take().map(f64::from_le_bytes)
    }
    pub fn i128(&mut self) -> Result<i128> {
        self.take().map(i128::from_le_bytes)
    }
    pub fn u8(&mut self) -> Result<u8> {
        let [b] = self.take()?;
        Ok(b)
    }
    pub fn bool(&mut self) -> Result<bool> {
        let [b] = self.take()?;
        Ok(b != 0)
    }

    /// A length that must fit in what is left, `size` bytes per item.
    pub fn len(&mut self, size: usize) -> Result<usize> {
        let n = self.u64()?;
        let left = (self.data.len() - self.at) as u64;
        if n.saturating_mul(size.max(1) as u64) > left {
            return Err(bad("a length past the end"));
        }
        Ok(n as usize)
    }

    pub fn str(&mut self) -> Result<String> {
        let n = self.len(1)?;
        let s = std::str::from_utf8(&self.data[self.at..self.at + n])
            .map_err(|_| bad("invalid UTF-8"))?;
        self.at += n;
        Ok(s.to_string())
    }
    pub fn u32s(&mut self) -> Result<Vec<u32>> {
        let n = self.len(4)?;
        (0..n)
            .map(|_| self.take().map(u32::from_le_bytes))
            .collect()
    }
    pub fn u64s(&mut self) -> Result<Vec<u64>> {
        let n = self.len(8)?;
        (0..n).map(|_| self.u64()).collect()
    }
    pub fn i64s(&mut self) -> Result<Vec<i64>> {
        let n = self.len(8)?;
        (0..n).map(|_| self.i64()).collect()
    }
    pub fn f64s(&mut self) -> Result<Vec<f64>> {
        let n = self.len(8)?;
        (0..n).map(|_| self.f64()).collect()
    }
    pub fn opt_i64(&mut self) -> Result<Option<i64>> {
        let some = self.bool()?;
        let v = self.i64()?;
        Ok(some.then_some(v))
    }

    /// A vocabulary value by its name.
    pub fn named<T>(&mut self, parse: fn(&str) -> Option<T>) -> Result<T> {
        let s = self.str()?;
        parse(&s).ok_or_else(|| bad("an unknown name"))
    }

    /// Fails unless `cond` (a value out of range, a shape that does not fit the plan).
    pub fn check(&self, cond: bool, what: &str) -> Result<()> {
        if cond {
            Ok(())
        } else {
            Err(bad(what))
        }
    }
}
