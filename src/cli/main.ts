console.log('pagevisor: under construction');
