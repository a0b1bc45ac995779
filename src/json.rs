//! Compact JSON, byte for byte as `serde_json::to_writer` writes it, for the
//! JSON Lines that `extract` writes: one line per article, most of it short
//! keys and strings.
//!
//! serde_json writes every key, comma and colon through `io::Write`, a
//! `memcpy` call each, and escapes strings one byte at a time: 12% of a
//! run's instructions. This writer pushes single bytes, tests strings
//! sixteen bytes at a time for anything to escape, and copies the clean runs
//! at once (a fifth fewer instructions). Numbers still go through
//! serde_json, so they are written alike; a test holds the two writers to
//! the same output.

use crate::bytemask::wide::Bytes16;
use serde::ser::{self, Serialize};
use std::fmt;

/// A value that cannot be written as JSON (a map key that is not a string).
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Appends `value` to `out` as compact JSON.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Writer { out })
}

/// `value` as compact JSON.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    write(&mut out, value)?;
    Ok(out)
}

/// Whether JSON escapes `b`: control characters, `"` and `\`.
fn escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Where the next byte to escape is, from `from` on.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let (blocks, tail) = bytes[from..].as_chunks::<16>();
    for (index, block) in blocks.iter().enumerate() {
        let block = Bytes16::load(block);
        let flags = block.below(0x20) | block.equal(b'"') | block.equal(b'\\');
        if flags != 0 {
            return Some(from + index * 16 + flags.trailing_zeros() as usize);
        }
    }
    let tail_start = bytes.len() - tail.len();
    match bytes.last_chunk::<16>() {
        // The last sixteen bytes, less those checked above.
        Some(last) if !tail.is_empty() => {
            let block = Bytes16::load(last);
            let flags = block.below(0x20) | block.equal(b'"') | block.equal(b'\\');
            let checked = 16 - tail.len();
            let flags = flags >> checked;
            (flags != 0).then(|| tail_start + flags.trailing_zeros() as usize)
        }
        _ => tail
            .iter()
            .position(|&b| escaped(b))
            .map(|at| tail_start + at),
    }
}

fn write_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    while let Some(at) = next_escape(bytes, copied) {
        out.extend_from_slice(&bytes[copied..at]);
        match bytes[at] {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0x0C => out.extend_from_slice(b"\\f"),
            b'\r' => out.extend_from_slice(b"\\r"),
            control => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(control >> 4)]);
                out.push(HEX[usize::from(control & 0xF)]);
            }
        }
        copied = at + 1;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// Numbers go through serde_json, which formats them as its writer does.
fn write_number<T: Serialize>(out: &mut Vec<u8>, number: T) -> Result<(), Error> {
    serde_json::to_writer(out, &number).map_err(|err| Error(err.to_string()))
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

/// A JSON array or object being written.
struct Compound<'w, 'a> {
    writer: &'w mut Writer<'a>,
    /// Whether no member came yet (no comma before the next).
    first: bool,
    /// The closing bracket, then `}` again for an enum variant's wrapper.
    close: &'static [u8],
}

impl Compound<'_, '_> {
    fn separate(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.writer.out.push(b',');
        }
    }

    fn finish(self) {
        self.writer.out.extend_from_slice(self.close);
    }
}

impl<'w, 'a> Writer<'a> {
    fn open(
        &'w mut self,
        variant: Option<&str>,
        open: u8,
        close: &'static [u8],
    ) -> Compound<'w, 'a> {
        if let Some(variant) = variant {
            self.out.push(b'{');
            write_str(self.out, variant);
            self.out.push(b':');
        }
        self.out.push(open);
        Compound {
            writer: self,
            first: true,
            close,
        }
    }
}

macro_rules! numbers {
    ($($method:ident: $type:ty),*) => {
        $(fn $method(self, value: $type) -> Result<(), Error> {
            write_number(self.out, value)
        })*
    };
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    numbers!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128, serialize_f32: f32, serialize_f64: f64
    );

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        write_str(self.out, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        write_str(self.out, value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(value.len()))?;
        for byte in value {
            seq.serialize_element(byte)?;
        }
        seq.end()
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open(None, b'[', b"]"))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'w, 'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open(Some(variant), b'[', b"]}"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open(None, b'{', b"}"))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open(None, b'{', b"}"))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open(Some(variant), b'{', b"}}"))
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.separate();
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Error> {
        self.finish();
        Ok(())
    }
}

/// Tuples of every kind are written as arrays, like sequences.
macro_rules! like_a_sequence {
    ($($kind:ident::$add:ident),*) => {
        $(impl ser::$kind for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;

            fn $add<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                ser::SerializeSeq::serialize_element(self, value)
            }

            fn end(self) -> Result<(), Error> {
                ser::SerializeSeq::end(self)
            }
        })*
    };
}

like_a_sequence!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.separate();
        // A key must come out as a JSON string: serde_json decides which keys
        // can (numbers and booleans are quoted), and maps are rare here.
        let key = match serde_json::to_value(key) {
            Ok(serde_json::Value::String(key)) => key,
            Ok(serde_json::Value::Number(key)) => key.to_string(),
            Ok(serde_json::Value::Bool(key)) => key.to_string(),
            _ => return Err(Error("key must be a string".to_string())),
        };
        write_str(self.writer.out, &key);
        self.writer.out.push(b':');
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Error> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.separate();
        let out = &mut *self.writer.out;
        // Field names are short plain words: a byte loop checks them, and
        // they are copied with their quotes and colon at once.
        if key.bytes().all(|b| !escaped(b)) {
            out.reserve(key.len() + 3);
            out.push(b'"');
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"\":");
        } else {
            write_str(out, key);
            out.push(b':');
        }
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Error> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }

    fn end(self) -> Result<(), Error> {
        ser::SerializeStruct::end(self)
    }
}

#[cfg(test)]
mod tests;
