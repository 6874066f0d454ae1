#include "render/qr_stream_list.hpp"

namespace placard::render {

void QrStreamList::add(int width, std::string_view deflated)
{
    entries_.push_back(Entry{page_, width, bytes_.size(), deflated.size()});
    bytes_.append(deflated);
}

std::string_view QrStreamList::deflated(std::size_t index) const
{
    const Entry& stream = entries_[index];
    return std::string_view(bytes_).substr(stream.offset, stream.size);
}

}  // namespace placard::render
