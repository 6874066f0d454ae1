#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <unordered_set>

typedef struct _cairo_surface cairo_surface_t;

namespace placard::render {

// Keeps the forms of text blocks that recur from page to page, such as the agency, an
// office or a common job title. A form is a recording surface: the PDF holds its drawing
// once and every page that shows the block refers to it, so the block is laid out, shaped
// and written only once.
//
// A block seen for the first time is not worth a form (a form costs a few hundred bytes
// of its own, more than a name printed once); from its second sighting on it is. The
// number of forms and of remembered first sightings is capped, so memory stays flat
// however long the roster: past the cap, blocks are simply drawn on the page.
class RecurringForms {
public:
    RecurringForms(std::size_t max_forms, std::size_t max_first_sightings);
    ~RecurringForms();
    RecurringForms(const RecurringForms&) = delete;
    RecurringForms& operator=(const RecurringForms&) = delete;

    // The form kept for `key`, or nullptr.
    cairo_surface_t* find(const std::string& key) const;

    // Whether the block named `key` (which has no form yet) should get one now. The
    // first call for a key remembers it and answers no; a later call answers yes while
    // there is room for another form.
    bool worth_a_form(const std::string& key);

    // Keeps `form` (taking over the caller's reference) as the form of `key`.
    void add(const std::string& key, cairo_surface_t* form);

private:
    std::size_t max_forms_;
    std::size_t max_first_sightings_;
    std::unordered_map<std::string, cairo_surface_t*> forms_;
    std::unordered_set<std::size_t> first_sightings_;  // hashes of keys seen once
};

}  // namespace placard::render
