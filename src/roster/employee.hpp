#pragma once

#include <string>

namespace placard::roster {

enum class Gender { unknown, female, male };

// One employee as it will be printed, after normalisation and validation. All text is
// UTF-8 in NFC; code fields hold ASCII only.
struct Employee {
    std::string employee_code;
    std::string national_code;  // checked, never printed, never in a URL
    std::string first_name;
    std::string last_name;
    std::string job_title;  // optional: may be empty
    std::string office;     // optional: may be empty
    std::string agency;
    std::string city;
    std::string province;
    Gender gender = Gender::unknown;
};

}  // namespace placard::roster
