use super::vocabulary;

vocabulary! {
    /// Stable code of a fatal error (`error.code` in JavaScript).
    #[non_exhaustive]
    pub enum ErrorCode {
        /// An option has a value the engine cannot use (the message names it and the valid values).
        InvalidOption = "INVALID_OPTION",
        /// A score handed to a calculator is outside its scale or not a whole number.
        InvalidScore = "INVALID_SCORE",
        /// The input holds no bytes (or only a byte-order mark / blank lines).
        EmptyInput = "EMPTY_INPUT",
        /// The first record does not look like a header row.
        NoHeader = "NO_HEADER",
        /// An explicit column mapping names a header the file does not have.
        ColumnNotFound = "COLUMN_NOT_FOUND",
        /// No column of the file can be used for the requested kind of metrics.
        NoMetricColumns = "NO_METRIC_COLUMNS",
        /// A time zone that is neither UTC, a fixed offset nor an IANA zone.
        UnknownTimezone = "UNKNOWN_TIMEZONE",
        /// A date column whose day/month order cannot be told from its values.
        AmbiguousDateOrder = "AMBIGUOUS_DATE_ORDER",
        /// A configured safety limit was reached.
        LimitExceeded = "LIMIT_EXCEEDED",
        /// The bytes are not in an encoding the engine reads.
        Encoding = "ENCODING",
        /// The file's structure cannot be read (malformed JSON document, corrupt workbook).
        UnreadableFile = "UNREADABLE_FILE",
        /// `push`/`finish` called on an analyzer that has already finished.
        AlreadyFinished = "ALREADY_FINISHED",
        /// Partial results of different plans (another file, other options, another engine
        /// version) cannot be merged.
        PartialMismatch = "PARTIAL_MISMATCH",
        /// An argument of the wrong type (a string where bytes are expected); raised by the
        /// JavaScript bindings.
        InvalidArgument = "INVALID_ARGUMENT",
        /// A fault of the engine or the bindings themselves (a bug to report with the file).
        Internal = "INTERNAL",
    }
}

vocabulary! {
    /// Code of a non-fatal finding in `warnings[]`.
    #[non_exhaustive]
    pub enum WarningCode {
        /// A column whose header names a role was ignored: its values do not fit it (Excel
        /// serial numbers under a date header, thousands of values under a channel header).
        IgnoredColumn = "IGNORED_COLUMN",
        /// An option above its cap was clamped to it (e.g. `previewRows` at 1,000).
        OptionCapped = "OPTION_CAPPED",
        /// A quote in delimited text is never closed: the rest of the file was read as one
        /// field (or, with `lenientQuotes`, the quote as a literal character).
        UnterminatedQuote = "UNTERMINATED_QUOTE",
        /// Quotes inside unquoted fields (`a"b`) were read as literal characters.
        StrayQuote = "STRAY_QUOTE",
        /// Fields had text after their closing quote (`"b"c`, `"B" ,`); it was kept in the value.
        TextAfterQuote = "TEXT_AFTER_QUOTE",
        /// Rows that were not valid UTF-8 were read as Windows-1252.
        DecodedAsWindows1252 = "DECODED_AS_WINDOWS_1252",
        /// Invalid UTF-16 code units were replaced by U+FFFD.
        InvalidUtf16 = "INVALID_UTF16",
        /// Two columns share a header; the later ones are renamed.
        DuplicateHeader = "DUPLICATE_HEADER",
        /// A CES column read on the documented 1–7 scale although its answers would also fit
        /// a smaller one (set `ces.scale` or name the scale in the header).
        CesScaleAssumed = "CES_SCALE_ASSUMED",
        /// The file has a header but no data rows.
        NoRows = "NO_ROWS",
        /// Rows repeating an earlier row exactly were counted once.
        DuplicateEvents = "DUPLICATE_EVENTS",
        /// First-response or resolution times earlier than the ticket's creation were left out.
        TimesBeforeCreation = "TIMES_BEFORE_CREATION",
        /// A segment column has more distinct values than kept; the rest are "(other)".
        SegmentValuesLimited = "SEGMENT_VALUES_LIMITED",
        /// A channel has no supplied interaction count; it is left out of the weighted CSAT.
        ChannelWeightMissing = "CHANNEL_WEIGHT_MISSING",
        /// An interaction count names a channel the file does not have.
        ChannelWeightUnused = "CHANNEL_WEIGHT_UNUSED",
        /// The purchase model was fitted on few customers.
        ClvFewCustomers = "CLV_FEW_CUSTOMERS",
        /// No customer bought on two different days in calibration.
        ClvNoRepeatPurchases = "CLV_NO_REPEAT_PURCHASES",
        /// The BG/NBD fit did not converge or ran to extreme parameters.
        ClvFitDegenerate = "CLV_FIT_DEGENERATE",
        /// The Gamma-Gamma fit did not converge, ran to extreme parameters or has q ≤ 1.
        ClvSpendFitDegenerate = "CLV_SPEND_FIT_DEGENERATE",
    }
}

vocabulary! {
    /// Why values or rows were rejected (`rejected[].code`).
    #[non_exhaustive]
    pub enum RejectionCode {
        /// A row with more or fewer fields than the header.
        RaggedRow = "RAGGED_ROW",
        /// A survey answer outside its scale or not a number.
        InvalidScore = "INVALID_SCORE",
        /// A blank timestamp.
        MissingTimestamp = "MISSING_TIMESTAMP",
        /// A timestamp not in the column's format.
        InvalidTimestamp = "INVALID_TIMESTAMP",
        /// A number that cannot be read.
        InvalidNumber = "INVALID_NUMBER",
        /// A row without a value the kind needs (user, time, event…).
        MissingRequired = "MISSING_REQUIRED",
        /// A JSON record that cannot be parsed.
        InvalidJson = "INVALID_JSON",
        /// A JSON key that is not in the header (the first records' keys).
        UnknownKey = "UNKNOWN_KEY",
        /// A JSON value that is an object or array.
        NestedValue = "NESTED_VALUE",
        /// A spreadsheet cell holding an error (#DIV/0!, #N/A…).
        CellError = "CELL_ERROR",
    }
}
