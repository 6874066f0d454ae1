#pragma once

#include <cstddef>

namespace placard {

// Makes room for `needed` open files in this process: raises the soft limit (ulimit -n,
// often 1024) up to the hard limit when it is lower. Returns the limit now in force,
// which is below `needed` only when the hard limit is.
std::size_t make_room_for_open_files(std::size_t needed);

}  // namespace placard
