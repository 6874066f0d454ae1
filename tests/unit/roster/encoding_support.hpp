#pragma once

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <stdexcept>
#include <string>

namespace placard::roster::test {

// Encodes UTF-8 text into `charset` with ICU, failing on any character the charset
// lacks, so tests can write the same roster in several encodings. Writes no BOM.
inline std::string encode_as(const std::string& utf8, const char* charset)
{
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
    UErrorCode status = U_ZERO_ERROR;
    UConverter* converter = ucnv_open(charset, &status);
    ucnv_setFromUCallBack(converter, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);

    std::string out(static_cast<std::size_t>(text.length()) * 4 + 16, '\0');
    int32_t length = ucnv_fromUChars(
        converter,
        out.data(),
        static_cast<int32_t>(out.size()),
        text.getBuffer(),
        text.length(),
        &status);
    ucnv_close(converter);
    if (U_FAILURE(status)) {
        throw std::runtime_error(std::string("cannot encode test text as ") + charset);
    }
    out.resize(static_cast<std::size_t>(length));
    return out;
}

}  // namespace placard::roster::test
