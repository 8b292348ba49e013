//! The options, the presets and their validation.
//!
//! The option names, their values and the three presets are data
//! (`seeds/options.tsv` → [`crate::tables::OPTIONS`]); the enums below give them types.
//! A unit test checks that both agree, so the TSV file stays the one source.

use std::fmt;
use std::sync::OnceLock;

use crate::tables;

/// Declares an option enum with the string form of each value.
macro_rules! option_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value, in the order of `seeds/options.tsv`.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value's string form, as written in `seeds/options.tsv`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

option_enum!(
    /// Step 1, `unicode`: the Unicode form the text is brought to first.
    UnicodeForm {
        /// Compose Arabic letter+mark pairs and replace Arabic presentation forms.
        Arabic = "arabic",
        /// Unicode NFC.
        Nfc = "nfc",
        /// Unicode NFKC (with the two presentation overrides).
        Nfkc = "nfkc",
        /// No Unicode normalization.
        None = "none",
    }
);
option_enum!(
    /// Options whose values are `keep` and `strip`.
    Strip {
        /// Remove the characters.
        Strip = "strip",
        /// Leave them.
        Keep = "keep",
    }
);
option_enum!(
    /// Step 2, `zwnj`: U+200C ZERO WIDTH NON-JOINER.
    Zwnj {
        /// Leave it.
        Keep = "keep",
        /// Replace it by U+0020 SPACE.
        Space = "space",
        /// Remove it.
        Strip = "strip",
    }
);
option_enum!(
    /// Step 3, `diacritics`.
    Diacritics {
        /// Leave them.
        Keep = "keep",
        /// Remove U+064B..U+065F, U+0618..U+061A, U+08F0..U+08F2.
        Strip = "strip",
        /// Remove the same except U+0651 ARABIC SHADDA.
        StripKeepShadda = "strip_keep_shadda",
    }
);
option_enum!(
    /// Step 3, `dagger_alef`: U+0670 ARABIC LETTER SUPERSCRIPT ALEF.
    DaggerAlef {
        /// Leave it.
        Keep = "keep",
        /// Remove it.
        Strip = "strip",
        /// Replace it by U+0627 ARABIC LETTER ALEF.
        Alef = "alef",
    }
);
option_enum!(
    /// Step 4 options whose values are `keep` and `fold` (`alef`, `hamza_seats`).
    Fold {
        /// Leave the letters.
        Keep = "keep",
        /// Fold them.
        Fold = "fold",
    }
);
option_enum!(
    /// Step 4, `alef_maksura`: U+0649 ARABIC LETTER ALEF MAKSURA.
    AlefMaksura {
        /// Leave it.
        Keep = "keep",
        /// Replace it by U+064A ARABIC LETTER YEH.
        Yeh = "yeh",
    }
);
option_enum!(
    /// Step 4, `teh_marbuta`: U+0629 ARABIC LETTER TEH MARBUTA.
    TehMarbuta {
        /// Leave it.
        Keep = "keep",
        /// Replace it by U+0647 ARABIC LETTER HEH.
        Heh = "heh",
    }
);
option_enum!(
    /// Step 4, `persian`: Persian/Urdu letter variants.
    Persian {
        /// Leave them.
        Keep = "keep",
        /// Fold them to the Arabic letters (see `seeds/rules/letter_folds.tsv`).
        ToArabic = "to_arabic",
        /// Fold yeh and kaf to their Persian forms.
        ToPersian = "to_persian",
    }
);
option_enum!(
    /// Step 5, `digits`.
    Digits {
        /// Leave them.
        Keep = "keep",
        /// U+0030..U+0039.
        Ascii = "ascii",
        /// U+0660..U+0669.
        ArabicIndic = "arabic_indic",
        /// U+06F0..U+06F9.
        Persian = "persian",
    }
);
option_enum!(
    /// Step 6, `punctuation`.
    Punctuation {
        /// Leave it.
        Keep = "keep",
        /// Map Arabic punctuation to ASCII.
        Ascii = "ascii",
        /// Replace punctuation (P*) by U+0020, keeping separators inside numbers.
        Space = "space",
    }
);
option_enum!(
    /// Step 7, `case`.
    Case {
        /// Leave it.
        Keep = "keep",
        /// Simple_Lowercase_Mapping.
        Lower = "lower",
    }
);
option_enum!(
    /// Step 9, `whitespace`.
    Whitespace {
        /// Leave it.
        Keep = "keep",
        /// Collapse runs, trim the ends.
        Collapse = "collapse",
    }
);

/// Every option of the pipeline. Build one from a preset with [`Options::preset`] and
/// change single options with [`Options::set`].
///
/// # Examples
/// ```
/// use arnorm::Options;
/// let mut options = Options::preset("standard").unwrap();
/// options.set("alef", "keep").unwrap();
/// assert_eq!(options.get("alef"), "keep");
/// assert!(options.set("alef", "fold_all").is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // each field is the option of the same name in seeds/options.tsv
pub struct Options {
    pub unicode: UnicodeForm,
    pub invisible: Strip,
    pub zwnj: Zwnj,
    pub diacritics: Diacritics,
    pub dagger_alef: DaggerAlef,
    pub quranic_marks: Strip,
    pub tatweel: Strip,
    pub alef: Fold,
    pub hamza_seats: Fold,
    pub alef_maksura: AlefMaksura,
    pub teh_marbuta: TehMarbuta,
    pub persian: Persian,
    pub digits: Digits,
    pub punctuation: Punctuation,
    pub case: Case,
    /// `None`, or the longest run of one letter that is kept (>= 1).
    pub max_repeat: Option<u32>,
    pub whitespace: Whitespace,
}

/// The name of every option, in pipeline order.
pub fn option_names() -> impl Iterator<Item = &'static str> {
    tables::OPTIONS.iter().map(|o| o.name)
}

/// The preset names: `light`, `standard`, `search`.
pub fn preset_names() -> &'static [&'static str] {
    &tables::PRESET_NAMES
}

impl Options {
    /// The options of a preset (`"light"`, `"standard"` or `"search"`).
    ///
    /// # Errors
    /// [`ErrorKind::UnknownPreset`] for any other name.
    pub fn preset(name: &str) -> Result<Options, Error> {
        static PRESETS: OnceLock<Vec<Options>> = OnceLock::new();
        let column = tables::PRESET_NAMES
            .iter()
            .position(|&p| p == name)
            .ok_or_else(|| Error::new(ErrorKind::UnknownPreset { name: quote(name) }))?;
        let presets = PRESETS.get_or_init(|| {
            (0..tables::PRESET_NAMES.len())
                .map(|column| {
                    let mut options = Options::NONE;
                    for spec in tables::OPTIONS {
                        options
                            .set(spec.name, spec.presets[column])
                            .expect("seeds/options.tsv: preset values are valid values");
                    }
                    options
                })
                .collect()
        });
        Ok(presets[column])
    }

    /// Every option at its "leave the text alone" value (the first of its values).
    const NONE: Options = Options {
        unicode: UnicodeForm::None,
        invisible: Strip::Keep,
        zwnj: Zwnj::Keep,
        diacritics: Diacritics::Keep,
        dagger_alef: DaggerAlef::Keep,
        quranic_marks: Strip::Keep,
        tatweel: Strip::Keep,
        alef: Fold::Keep,
        hamza_seats: Fold::Keep,
        alef_maksura: AlefMaksura::Keep,
        teh_marbuta: TehMarbuta::Keep,
        persian: Persian::Keep,
        digits: Digits::Keep,
        punctuation: Punctuation::Keep,
        case: Case::Keep,
        max_repeat: None,
        whitespace: Whitespace::Keep,
    };

    /// Set option `name` from its string form (`max_repeat` takes `"none"` or a decimal
    /// integer >= 1).
    ///
    /// # Errors
    /// [`ErrorKind::UnknownOption`] for a name that is no option,
    /// [`ErrorKind::InvalidValue`] for a value the option does not take.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), Error> {
        fn parse<T>(p: fn(&str) -> Option<T>, name: &str, value: &str) -> Result<T, Error> {
            p(value).ok_or_else(|| Error::invalid_value(name, &quote(value)))
        }
        match name {
            "unicode" => self.unicode = parse(UnicodeForm::parse, name, value)?,
            "invisible" => self.invisible = parse(Strip::parse, name, value)?,
            "zwnj" => self.zwnj = parse(Zwnj::parse, name, value)?,
            "diacritics" => self.diacritics = parse(Diacritics::parse, name, value)?,
            "dagger_alef" => self.dagger_alef = parse(DaggerAlef::parse, name, value)?,
            "quranic_marks" => self.quranic_marks = parse(Strip::parse, name, value)?,
            "tatweel" => self.tatweel = parse(Strip::parse, name, value)?,
            "alef" => self.alef = parse(Fold::parse, name, value)?,
            "hamza_seats" => self.hamza_seats = parse(Fold::parse, name, value)?,
            "alef_maksura" => self.alef_maksura = parse(AlefMaksura::parse, name, value)?,
            "teh_marbuta" => self.teh_marbuta = parse(TehMarbuta::parse, name, value)?,
            "persian" => self.persian = parse(Persian::parse, name, value)?,
            "digits" => self.digits = parse(Digits::parse, name, value)?,
            "punctuation" => self.punctuation = parse(Punctuation::parse, name, value)?,
            "case" => self.case = parse(Case::parse, name, value)?,
            "whitespace" => self.whitespace = parse(Whitespace::parse, name, value)?,
            "max_repeat" => {
                self.max_repeat = match value {
                    "none" => None,
                    _ => match value.parse::<u32>() {
                        Ok(n) if n >= 1 && !value.starts_with('+') => Some(n),
                        _ => return Err(Error::invalid_value(name, &quote(value))),
                    },
                }
            }
            _ => return Err(Error::new(ErrorKind::UnknownOption { name: quote(name) })),
        }
        Ok(())
    }

    /// Set `max_repeat` (`None`, or a run length >= 1).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`] for `Some(0)`.
    pub fn set_max_repeat(&mut self, value: Option<u32>) -> Result<(), Error> {
        if value == Some(0) {
            return Err(Error::invalid_value("max_repeat", "0"));
        }
        self.max_repeat = value;
        Ok(())
    }

    /// The string form of option `name` (`max_repeat`: `"none"` or the number).
    ///
    /// # Panics
    /// If `name` is not an option name (see [`option_names`]).
    pub fn get(&self, name: &str) -> String {
        self.get_checked(name)
            .unwrap_or_else(|_| panic!("no option named {name:?}"))
    }

    /// The string form of option `name`.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownOption`] if `name` is not an option name.
    pub fn get_checked(&self, name: &str) -> Result<String, Error> {
        let text = match name {
            "unicode" => self.unicode.as_str(),
            "invisible" => self.invisible.as_str(),
            "zwnj" => self.zwnj.as_str(),
            "diacritics" => self.diacritics.as_str(),
            "dagger_alef" => self.dagger_alef.as_str(),
            "quranic_marks" => self.quranic_marks.as_str(),
            "tatweel" => self.tatweel.as_str(),
            "alef" => self.alef.as_str(),
            "hamza_seats" => self.hamza_seats.as_str(),
            "alef_maksura" => self.alef_maksura.as_str(),
            "teh_marbuta" => self.teh_marbuta.as_str(),
            "persian" => self.persian.as_str(),
            "digits" => self.digits.as_str(),
            "punctuation" => self.punctuation.as_str(),
            "case" => self.case.as_str(),
            "whitespace" => self.whitespace.as_str(),
            "max_repeat" => {
                return Ok(self
                    .max_repeat
                    .map_or_else(|| "none".to_owned(), |n| n.to_string()))
            }
            _ => return Err(Error::new(ErrorKind::UnknownOption { name: quote(name) })),
        };
        Ok(text.to_owned())
    }
}

fn quote(text: &str) -> String {
    format!("'{text}'")
}

/// The error of an invalid configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

/// What is wrong with a configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// No preset has this name (quoted).
    UnknownPreset {
        /// The name given, quoted.
        name: String,
    },
    /// No option has this name (quoted).
    UnknownOption {
        /// The name given, quoted.
        name: String,
    },
    /// The option does not take this value.
    InvalidValue {
        /// The option.
        option: String,
        /// The value given, as the caller displays it.
        value: String,
    },
}

impl Error {
    fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    /// An [`ErrorKind::InvalidValue`] for `option`, showing `value` as given (callers
    /// quote strings, the Python binding passes `repr(value)`).
    pub fn invalid_value(option: &str, value: &str) -> Error {
        Error::new(ErrorKind::InvalidValue {
            option: option.to_owned(),
            value: value.to_owned(),
        })
    }

    /// What is wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::UnknownPreset { name } => write!(
                f,
                "unknown preset {name}; valid presets: {}",
                tables::PRESET_NAMES.join(", ")
            ),
            ErrorKind::UnknownOption { name } => write!(
                f,
                "unknown option {name}; valid options: {}",
                option_names().collect::<Vec<_>>().join(", ")
            ),
            ErrorKind::InvalidValue { option, value } => {
                let spec = tables::OPTIONS.iter().find(|o| o.name == option);
                let valid = match option.as_str() {
                    "max_repeat" => "None or an integer >= 1".to_owned(),
                    _ => spec.map_or_else(String::new, |s| s.values.join(", ")),
                };
                write!(
                    f,
                    "invalid value {value} for option '{option}'; valid values: {valid}"
                )
            }
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_list_exactly_the_values_of_options_tsv() {
        for spec in tables::OPTIONS {
            let ours: Vec<&str> = match spec.name {
                "unicode" => UnicodeForm::ALL.iter().map(|v| v.as_str()).collect(),
                "invisible" | "quranic_marks" | "tatweel" => {
                    Strip::ALL.iter().map(|v| v.as_str()).collect()
                }
                "zwnj" => Zwnj::ALL.iter().map(|v| v.as_str()).collect(),
                "diacritics" => Diacritics::ALL.iter().map(|v| v.as_str()).collect(),
                "dagger_alef" => DaggerAlef::ALL.iter().map(|v| v.as_str()).collect(),
                "alef" | "hamza_seats" => Fold::ALL.iter().map(|v| v.as_str()).collect(),
                "alef_maksura" => AlefMaksura::ALL.iter().map(|v| v.as_str()).collect(),
                "teh_marbuta" => TehMarbuta::ALL.iter().map(|v| v.as_str()).collect(),
                "persian" => Persian::ALL.iter().map(|v| v.as_str()).collect(),
                "digits" => Digits::ALL.iter().map(|v| v.as_str()).collect(),
                "punctuation" => Punctuation::ALL.iter().map(|v| v.as_str()).collect(),
                "case" => Case::ALL.iter().map(|v| v.as_str()).collect(),
                "whitespace" => Whitespace::ALL.iter().map(|v| v.as_str()).collect(),
                "max_repeat" => vec!["none", "<int>=1"],
                other => panic!("option {other} has no enum"),
            };
            let mut theirs = spec.values.to_vec();
            let mut ours_sorted = ours.clone();
            theirs.sort_unstable();
            ours_sorted.sort_unstable();
            assert_eq!(ours_sorted, theirs, "option {}", spec.name);
        }
    }

    #[test]
    fn presets_round_trip_through_get() {
        for (column, preset) in tables::PRESET_NAMES.iter().enumerate() {
            let options = Options::preset(preset).unwrap();
            for spec in tables::OPTIONS {
                assert_eq!(options.get(spec.name), spec.presets[column]);
            }
        }
    }

    #[test]
    fn errors_name_the_problem_and_the_valid_choices() {
        let err = Options::preset("fast").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown preset 'fast'; valid presets: light, standard, search"
        );
        let mut o = Options::preset("light").unwrap();
        let err = o.set("alif", "fold").unwrap_err();
        assert!(err
            .to_string()
            .starts_with("unknown option 'alif'; valid options: unicode, "));
        let err = o.set("alef", "yes").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid value 'yes' for option 'alef'; valid values: keep, fold"
        );
        for bad in ["0", "-1", "+2", "1.5", ""] {
            assert!(o.set("max_repeat", bad).is_err(), "{bad}");
        }
        o.set("max_repeat", "3").unwrap();
        assert_eq!(o.max_repeat, Some(3));
        assert!(o.set_max_repeat(Some(0)).is_err());
    }
}
