#include "render/recurring_forms.hpp"

#include <cairo.h>

#include <functional>

namespace placard::render {

RecurringForms::RecurringForms(std::size_t max_forms, std::size_t max_first_sightings)
    : max_forms_(max_forms)
    , max_first_sightings_(max_first_sightings)
{}

RecurringForms::~RecurringForms()
{
    for (auto& [key, form] : forms_) {
        cairo_surface_destroy(form);
    }
}

cairo_surface_t* RecurringForms::find(const std::string& key) const
{
    auto found = forms_.find(key);
    return found != forms_.end() ? found->second : nullptr;
}

bool RecurringForms::worth_a_form(const std::string& key)
{
    if (forms_.size() >= max_forms_) {
        return false;
    }

    // Only a hash is remembered, to keep the memory small; two keys that share one merely
    // give a block its form one page early.
    const std::size_t hash = std::hash<std::string>{}(key);
    if (first_sightings_.count(hash) != 0) {
        first_sightings_.erase(hash);
        return true;
    }
    if (first_sightings_.size() < max_first_sightings_) {
        first_sightings_.insert(hash);
    }
    return false;
}

void RecurringForms::add(const std::string& key, cairo_surface_t* form)
{
    auto [slot, added] = forms_.emplace(key, form);
    if (!added) {
        cairo_surface_destroy(slot->second);
        slot->second = form;
    }
}

}  // namespace placard::render
